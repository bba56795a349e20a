package org.equilibrium.session.live;

/** A session needs a paired heart-rate sensor (answered 422). */
public final class NoHeartRateSensorException extends RuntimeException {
    public NoHeartRateSensorException(String message) {
        super(message);
    }
}
