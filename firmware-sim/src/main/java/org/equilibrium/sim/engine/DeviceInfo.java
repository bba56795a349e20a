package org.equilibrium.sim.engine;

/**
 * A simulated device's identity, as printed at start and carried in its status.
 *
 * @param index      position in the run (stable for a scenario, seed and device count)
 * @param id         device id (topic segment)
 * @param profile    profile id ({@code status.model})
 * @param firmware   firmware version ({@code status.fw})
 * @param patient    patient label
 * @param claimCode  label code the patient types to pair
 * @param stimulator true for stimulators (they take commands)
 */
public record DeviceInfo(int index, String id, String profile, String firmware, String patient, String claimCode,
        boolean stimulator) {
}
