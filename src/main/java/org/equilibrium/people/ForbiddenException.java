package org.equilibrium.people;

/**
 * The caller is known but the action is not theirs to take (answered 403), e.g. a wrong current
 * password when changing it. Never used to hide a patient: that is {@link NotFoundException}.
 */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
