package org.equilibrium.session.stimulation;

/**
 * One line of the stimulation audit log (append-only). A command line says who asked what and what the envelope
 * decided; an ack line says what the device answered and applied.
 *
 * @param atMs             wall-clock time, epoch ms
 * @param commandId        the wire id (null for a request refused before an id existed)
 * @param kind             {@link Kind}
 * @param actor            username, or {@code system} for the service's own stops
 * @param actorRole        PATIENT / THERAPIST for callers, null for the system
 * @param op               start, stop, set
 * @param currentMicroamps requested current (commands), applied current (acks, when the device says)
 * @param decision         {@link Decision}
 * @param reason           refusal reason, stop cause, ack error
 * @param applied          the device's {@code applied} object (acks), else null
 */
public record AuditEntry(long atMs, String deviceId, String commandId, Kind kind, String actor, String actorRole,
                         String op, Long currentMicroamps, Double frequencyHz, Double pulseWidthUs,
                         Decision decision, String reason, String applied) {

    public enum Kind {
        COMMAND, ACK
    }

    public enum Decision {
        /** Within the envelope and published. */
        SENT,
        /** Refused by the envelope (nothing published). */
        REFUSED,
        /** Accepted but the transport could not publish it (broker unreachable). */
        PUBLISH_FAILED,
        /** The device acknowledged it. */
        ACK_OK,
        /** The device refused it. */
        ACK_REFUSED,
        /** An ack whose id the service did not send (or no longer tracks). */
        ACK_UNMATCHED
    }
}
