package org.equilibrium.decode;

import java.util.Arrays;

/**
 * Heart rate with the RR intervals that ended since the previous notification (oldest first).
 * The last RR interval ends at {@link #timestampMs()} (shared/contracts/mqtt-wire.md, {@code hr}).
 *
 * @param seq               per-device message counter, or null when the wire carries none (BLE)
 * @param rrMs              RR intervals in milliseconds, possibly empty, never null
 * @param contact           skin contact, or null when the sensor does not report it
 * @param energyExpendedKj  cumulative energy expended (0x2A37), or null when absent
 */
public record HeartRateReading(long timestampMs, Long seq, int bpm, double[] rrMs, Boolean contact,
                               Integer energyExpendedKj) implements Reading {
    public HeartRateReading {
        rrMs = rrMs == null ? new double[0] : rrMs.clone();
    }

    @Override
    public double[] rrMs() {
        return rrMs.clone();
    }

    /** Number of RR intervals without copying. */
    public int rrCount() {
        return rrMs.length;
    }

    /** The i-th RR interval in ms, without copying. */
    public double rrMs(int i) {
        return rrMs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeartRateReading h && h.timestampMs == timestampMs && java.util.Objects.equals(h.seq, seq)
                && h.bpm == bpm && Arrays.equals(h.rrMs, rrMs) && java.util.Objects.equals(h.contact, contact)
                && java.util.Objects.equals(h.energyExpendedKj, energyExpendedKj);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(timestampMs, seq, bpm, Arrays.hashCode(rrMs), contact, energyExpendedKj);
    }

    @Override
    public String toString() {
        return "HeartRateReading[timestampMs=" + timestampMs + ", seq=" + seq + ", bpm=" + bpm + ", rrMs="
                + Arrays.toString(rrMs) + ", contact=" + contact + ", energyExpendedKj=" + energyExpendedKj + "]";
    }
}
