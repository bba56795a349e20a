package org.equilibrium.session.live;

import java.util.ArrayList;
import java.util.List;
import org.equilibrium.decode.StimReading;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.AutonomicState;
import org.equilibrium.session.autonomic.QualityFlag;

/**
 * Turns a session's tick-by-tick state into alerts, once per onset (not on every tick while the condition
 * lasts). Pure; one instance per session, called from one thread.
 *
 * <ul>
 *   <li>{@code sympathetic-surge}: the held (hysteresis-confirmed) state becomes sympathetic after the
 *       baseline; during baseline there is nothing to compare the state with yet;</li>
 *   <li>{@code artefacts}: the quality becomes too-many-artefacts;</li>
 *   <li>{@code stream-lost}: no beat for the lost threshold (30 s);</li>
 *   <li>{@code electrode-off}: a stimulator reports electrode contact lost or a lead-off fault.</li>
 * </ul>
 */
public final class AlertRules {
    private final String sessionId;
    private final long patientId;
    private AutonomicState lastHeld = AutonomicState.UNKNOWN;
    private QualityFlag lastQuality;
    private Connection lastConnection = Connection.LIVE;
    private boolean electrodeOff;

    public AlertRules(String sessionId, long patientId) {
        this.sessionId = sessionId;
        this.patientId = patientId;
    }

    /** Alerts raised by the estimate of one tick. */
    public List<Alert> onTick(AutonomicEstimate e, Connection connection) {
        List<Alert> out = new ArrayList<>(1);
        long t = e.windowEndMs();
        boolean afterBaseline = e.phase() != null && e.phase() != org.equilibrium.session.PhaseKind.BASELINE;
        if (e.heldState() == AutonomicState.SYMPATHETIC && lastHeld != AutonomicState.SYMPATHETIC && afterBaseline) {
            out.add(new Alert(sessionId, patientId, Alert.SYMPATHETIC_SURGE,
                    String.format(java.util.Locale.ROOT, "Sympathetic surge: heart rate %.0f bpm, confidence %.0f %%",
                            e.metrics().meanHrBpm(), 100 * e.confidence()), t));
        }
        if (e.quality() == QualityFlag.TOO_MANY_ARTEFACTS && lastQuality != QualityFlag.TOO_MANY_ARTEFACTS) {
            out.add(new Alert(sessionId, patientId, Alert.ARTEFACTS, String.format(java.util.Locale.ROOT,
                    "Too many artefacts (%.0f %% of beats): check the strap's fit", 100 * e.metrics().artefactFraction()),
                    t));
        }
        if (connection == Connection.LOST && lastConnection != Connection.LOST) {
            out.add(new Alert(sessionId, patientId, Alert.STREAM_LOST, "No heartbeat received for 30 s", t));
        }
        lastHeld = e.heldState();
        lastQuality = e.quality();
        lastConnection = connection;
        return out;
    }

    /** An alert when a stimulator's telemetry newly reports electrode contact lost, else null. */
    public Alert onStim(String deviceId, StimReading r) {
        boolean off = Boolean.FALSE.equals(r.electrodeOk()) || r.fault() == StimReading.Fault.LEAD_OFF;
        Alert a = off && !electrodeOff ? new Alert(sessionId, patientId, Alert.ELECTRODE_OFF,
                "Electrode contact lost on " + deviceId, r.timestampMs()) : null;
        electrodeOff = off;
        return a;
    }
}
