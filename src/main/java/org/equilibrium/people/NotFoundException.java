package org.equilibrium.people;

/**
 * The thing asked for does not exist, or the caller may not know that it exists (answered 404).
 * The two cases are deliberately indistinguishable to the caller: see {@link AccessPolicy}.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
