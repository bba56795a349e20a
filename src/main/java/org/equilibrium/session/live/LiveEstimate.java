package org.equilibrium.session.live;

import org.equilibrium.decode.StimReading;
import org.equilibrium.session.autonomic.AutonomicEstimate;

/**
 * One 5-s estimate of a live session with what the estimator does not carry itself.
 *
 * @param stimReading the newest telemetry of the session's stimulator, or null without one
 * @param latencyNs   from the arrival of the newest beat in the window to this estimate (benchmark figure),
 *                    or -1 when the window has no beat
 */
public record LiveEstimate(String sessionId, long patientId, AutonomicEstimate estimate, Connection connection,
                           StimReading stimReading, long latencyNs) {
}
