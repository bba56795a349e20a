package org.equilibrium.session.live;

import org.equilibrium.decode.StimReading;
import org.equilibrium.session.Session;

/**
 * Receives what happens in live sessions (the live API fans it out). Called on the session scheduler thread
 * (estimates, beats, stimulation, alerts) or on the thread that made a change (session changes, end);
 * implementations must return quickly and never block.
 */
public interface SessionListener {
    default void changed(Session session, long patientId) {
    }

    default void estimate(LiveEstimate estimate) {
    }

    default void beat(String sessionId, long patientId, long beatEndMs, double rrMs) {
    }

    default void stim(String sessionId, long patientId, String deviceId, StimReading reading) {
    }

    default void alert(Alert alert) {
    }

    default void ended(Session session, long patientId) {
    }
}
