package org.equilibrium.people;

/**
 * What a new password must satisfy. Length is what matters (NIST SP 800-63B §5.1.1.2:
 * at least 8, we ask 10; no composition rules). The upper bound stops a megabyte "password"
 * from being fed to the hash function.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /**
     * @param field the request field, for the error message
     * @throws InvalidInputException when the password is missing, too short or too long
     */
    public static void check(String field, String password) {
        if (password == null) {
            throw new InvalidInputException(field, "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            throw new InvalidInputException(field, "must not be only whitespace");
        }
    }
}
