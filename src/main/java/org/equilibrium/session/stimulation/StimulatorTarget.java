package org.equilibrium.session.stimulation;

import org.equilibrium.device.profile.SafetyEnvelope;

/**
 * What the command service needs to know of a device.
 *
 * @param patientId owning patient's account id, or null when the device is not paired (then nobody drives it)
 * @param profileId its device profile, or null while unknown
 * @param envelope  the profile's safety envelope; null when the device is not a stimulator or its profile is unknown
 */
public record StimulatorTarget(String deviceId, Long patientId, String profileId, SafetyEnvelope envelope) {
}
