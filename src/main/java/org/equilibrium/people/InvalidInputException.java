package org.equilibrium.people;

/** A request value the caller can fix (answered 400). The message names the field and the rule. */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
