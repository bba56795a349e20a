package org.equilibrium.session.stimulation;

/**
 * A device's {@code cmd/ack}: {@code {"id":…,"ok":true|false,"error":…}}, plus what the device applied when it says
 * (the simulator's optional {@code applied} object; null when absent).
 *
 * @param appliedCurrentMicroamps {@code applied.current_ua}, the set point the device now uses
 * @param appliedJson             the {@code applied} object as received (for the audit), or null
 */
public record CommandAck(String id, boolean ok, String error, Long appliedCurrentMicroamps, String appliedJson) {
}
