package org.equilibrium.session;

/**
 * A change the session's rules forbid: a phase going backwards, a change to the past, a marker or
 * rating on an ended session. The message says which rule and with which times, so an API can hand it
 * to the caller as is (409 Conflict).
 */
public final class IllegalSessionChangeException extends IllegalStateException {
    public IllegalSessionChangeException(String message) {
        super(message);
    }
}
