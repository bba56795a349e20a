package org.equilibrium.sim.strap;

/**
 * One Heart Rate Measurement notification as the strap firmware produced it, before any transport
 * framing.
 *
 * @param tMs             virtual time of the notification (ms since the simulation start); when RR
 *                        intervals are present the last one ends here
 * @param seq             per-device counter, +1 per produced notification (lost ones leave a gap)
 * @param bpm             heart rate the strap reports
 * @param rr1024          RR intervals in 1/1024 s, oldest first (0–9 of them)
 * @param contactDetected skin contact
 * @param energyKj        cumulative energy expended in kJ, or −1 when not included
 */
public record HrNotification(long tMs, long seq, int bpm, int[] rr1024, boolean contactDetected, int energyKj) {

    /** The RR intervals in milliseconds (exact conversion of the 1/1024 s units). */
    public double[] rrMs() {
        double[] out = new double[rr1024.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rr1024[i] * 1000.0 / 1024.0;
        }
        return out;
    }
}
