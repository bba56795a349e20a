package org.equilibrium.decode;

/**
 * Presence of a device ({@code status}, retained and the device's last will). {@code timestampMs} is the
 * arrival time: the contract's status payload carries no time.
 *
 * @param claimCode the code printed on the unit's label, when the firmware announces it
 */
public record StatusReading(long timestampMs, boolean online, String model, String firmware, Integer batteryPct,
                            String claimCode) implements Reading {
}
