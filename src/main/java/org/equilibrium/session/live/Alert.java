package org.equilibrium.session.live;

/**
 * Something a therapist should notice now.
 *
 * @param kind {@code sympathetic-surge}, {@code electrode-off}, {@code stream-lost} or {@code artefacts}
 */
public record Alert(String sessionId, long patientId, String kind, String text, long tMs) {
    public static final String SYMPATHETIC_SURGE = "sympathetic-surge";
    public static final String ELECTRODE_OFF = "electrode-off";
    public static final String STREAM_LOST = "stream-lost";
    public static final String ARTEFACTS = "artefacts";
}
