package org.equilibrium.session.stimulation;

/** Why a stop went out. Everything but {@link #REQUESTED} is the service acting on its own. */
public enum StopCause {
    /** A caller asked for it. */
    REQUESTED,
    /** Telemetry reported {@code electrode_ok: false} or a lead-off fault. */
    ELECTRODE_OFF,
    /** Telemetry reported state {@code fault}. */
    DEVICE_FAULT,
    /** No telemetry for longer than the lost-telemetry timeout while stimulating. */
    TELEMETRY_LOST,
    /** The envelope's maximum session time ran out. */
    SESSION_TIME,
    /** The session the stimulation belongs to ended. */
    SESSION_ENDED,
    /** The device reported output outside the envelope while the service had not started it. */
    UNEXPECTED_OUTPUT,
    /** A stop not yet confirmed, sent again. */
    RESEND
}
