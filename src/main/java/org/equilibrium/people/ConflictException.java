package org.equilibrium.people;

/** The request clashes with the current state, e.g. a username already taken (answered 409). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
