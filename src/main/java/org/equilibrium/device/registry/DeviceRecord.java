package org.equilibrium.device.registry;

/**
 * A device as the registry knows it. A device without a patient is "unpaired": its data is stored under
 * the device tag only.
 *
 * @param profileId   device profile id (e.g. {@code polar-h10}), or null while unknown
 * @param patientId   owning patient, or null (unpaired)
 * @param claimCode   code printed on the unit's label, as the device announced it in {@code status}, or null
 * @param firstSeenMs first message, epoch ms
 * @param lastSeenMs  latest message, epoch ms
 */
public record DeviceRecord(String id, String profileId, String patientId, String displayName, String claimCode,
                           long firstSeenMs, long lastSeenMs, boolean online, Integer batteryPct, String model,
                           String firmware) {

    public boolean paired() {
        return patientId != null;
    }
}
