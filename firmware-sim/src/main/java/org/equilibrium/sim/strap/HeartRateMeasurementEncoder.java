package org.equilibrium.sim.strap;

/**
 * The strap's own encoder of the Heart Rate Measurement characteristic value (0x2A37), Bluetooth
 * SIG Heart Rate Service 1.0 §3.1 / GATT Specification Supplement §3.113: a flags byte, heart rate
 * as uint8 (bit 0 clear) or uint16 (bit 0 set), Sensor Contact Status (bit 1 detected, bit 2
 * supported), Energy Expended uint16 kJ present (bit 3), RR-Interval uint16 values in 1/1024 s present
 * (bit 4), all little-endian.
 */
public final class HeartRateMeasurementEncoder {
    public static final int FLAG_HR_UINT16 = 0x01;
    public static final int FLAG_CONTACT_DETECTED = 0x02;
    public static final int FLAG_CONTACT_SUPPORTED = 0x04;
    public static final int FLAG_ENERGY = 0x08;
    public static final int FLAG_RR = 0x10;
    /** RR values that fit a default-MTU (20-byte) notification beside flags, uint8 HR and energy. */
    public static final int MAX_RR_WITH_ENERGY = 8;
    public static final int MAX_RR = 9;

    private HeartRateMeasurementEncoder() {
    }

    public static byte[] encode(HrNotification n) {
        int flags = FLAG_CONTACT_SUPPORTED | (n.contactDetected() ? FLAG_CONTACT_DETECTED : 0);
        boolean wide = n.bpm() > 255;
        boolean energy = n.energyKj() >= 0;
        int rrCount = n.rr1024().length;
        int max = energy ? MAX_RR_WITH_ENERGY : MAX_RR;
        if (rrCount > max) {
            throw new IllegalArgumentException(rrCount + " RR intervals do not fit one notification (max " + max + ")");
        }
        if (wide) {
            flags |= FLAG_HR_UINT16;
        }
        if (energy) {
            flags |= FLAG_ENERGY;
        }
        if (rrCount > 0) {
            flags |= FLAG_RR;
        }
        byte[] out = new byte[1 + (wide ? 2 : 1) + (energy ? 2 : 0) + 2 * rrCount];
        int i = 0;
        out[i++] = (byte) flags;
        out[i++] = (byte) n.bpm();
        if (wide) {
            out[i++] = (byte) (n.bpm() >>> 8);
        }
        if (energy) {
            int kj = Math.min(0xFFFF, n.energyKj());
            out[i++] = (byte) kj;
            out[i++] = (byte) (kj >>> 8);
        }
        for (int rr : n.rr1024()) {
            int v = Math.min(0xFFFF, rr);
            out[i++] = (byte) v;
            out[i++] = (byte) (v >>> 8);
        }
        return out;
    }
}
