package org.equilibrium.sim.stim;

/**
 * The firmware's encoder of "sim-tens-telemetry-v1", the 19-byte little-endian telemetry value of
 * characteristic {@code e9b10001-7c1a-4d5e-9f3b-5e7175696c69} (layout fixed in the team's format note):
 * version u8 = 1; u8 state (bits 0–3), modality (bit 4), electrode_ok (bit 5); u8 program (bits 0–3)
 * and channel − 1 (bits 4–7); u8 fault; u16 seq; u16 frequency in 0.1 Hz (0 = not running); u16
 * pulse width µs; u32 current µA; u16 impedance Ω (0xFFFF = not measured); u8 battery % (0xFF =
 * unknown); u16 remaining s (0xFFFF = no timer).
 */
public final class SimTensTelemetryEncoder {
    public static final String SERVICE_UUID = "e9b10000-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String TELEMETRY_UUID = "e9b10001-7c1a-4d5e-9f3b-5e7175696c69";
    public static final int LENGTH = 19;
    public static final int VERSION = 1;

    private SimTensTelemetryEncoder() {
    }

    public static byte[] encode(StimTelemetry t) {
        byte[] b = new byte[LENGTH];
        b[0] = VERSION;
        b[1] = (byte) (t.state().code | (t.modality().code << 4) | (t.electrodeOk() ? 0x20 : 0));
        if (t.channel() < 1 || t.channel() > 16) {
            throw new IllegalArgumentException("channel must be 1–16, got " + t.channel());
        }
        b[2] = (byte) (t.program().code | ((t.channel() - 1) << 4));
        b[3] = (byte) t.fault().code;
        u16(b, 4, (int) (t.seq() & 0xFFFF));
        boolean delivering = t.outputConfigured();
        u16(b, 6, delivering ? (int) Math.min(0xFFFF, Math.round(t.frequencyHz() * 10)) : 0);
        u16(b, 8, delivering ? (int) Math.min(0xFFFF, Math.round(t.pulseWidthUs())) : 0);
        long ua = Math.max(0, Math.min(0xFFFF_FFFFL, t.currentUa()));
        b[10] = (byte) ua;
        b[11] = (byte) (ua >>> 8);
        b[12] = (byte) (ua >>> 16);
        b[13] = (byte) (ua >>> 24);
        // 0xFFFF means "not measured", so a reading above the field saturates at 0xFFFE.
        u16(b, 14, Double.isNaN(t.impedanceOhm()) ? 0xFFFF : (int) Math.min(0xFFFE, Math.round(t.impedanceOhm())));
        b[16] = (byte) (t.batteryPct() < 0 ? 0xFF : Math.min(100, t.batteryPct()));
        u16(b, 17, t.remainingS() < 0 ? 0xFFFF : Math.min(0xFFFE, t.remainingS()));
        return b;
    }

    private static void u16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }
}
