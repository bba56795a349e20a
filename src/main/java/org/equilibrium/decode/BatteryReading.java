package org.equilibrium.decode;

/** Battery Level characteristic 0x2A19 (Bluetooth SIG Battery Service 1.0): percent, 0–100. */
public record BatteryReading(long timestampMs, int batteryPct) implements Reading {
}
