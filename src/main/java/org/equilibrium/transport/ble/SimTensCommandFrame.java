package org.equilibrium.transport.ble;

import java.util.List;

/**
 * "sim-tens-command-v1": the binary command the simulator's stimulators take on characteristic
 * {@code e9b10002-7c1a-4d5e-9f3b-5e7175696c69}, and their ack notified on {@code e9b10003-…}. This project's own
 * format (src/docs/ble.md), 16 bytes little-endian so a write fits the default ATT MTU (23 - 3 bytes):
 *
 * <pre>
 * 0  u8  version = 1          1  u8  op: 1 start, 2 stop, 3 set, 4 pause
 * 2  u16 sequence (echoed)    4  u32 current µA          (0xFFFFFFFF = unchanged)
 * 8  u16 frequency, 0.1 Hz    (0xFFFF = unchanged)       10 u16 pulse width µs (0xFFFF = unchanged)
 * 12 u16 session timer s      (0xFFFF = unchanged)       14 u8  program 0-3 (0xFF = unchanged)
 * 15 u8  reserved = 0
 * </pre>
 *
 * Ack, 4 bytes: version 1, u16 sequence, u8 result (0 accepted, 1 refused by the device, 2 malformed frame).
 * Pure.
 */
public final class SimTensCommandFrame {
    public static final String SERVICE_UUID = "e9b10000-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String TELEMETRY_UUID = "e9b10001-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String COMMAND_UUID = "e9b10002-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String ACK_UUID = "e9b10003-7c1a-4d5e-9f3b-5e7175696c69";
    static final List<String> OPS = List.of("", "start", "stop", "set", "pause");
    static final List<String> PROGRAMS = List.of("conventional", "burst", "modulated", "custom");

    private SimTensCommandFrame() {
    }

    /** A decoded ack. */
    public record Ack(int sequence, int result) {
        public boolean ok() {
            return result == 0;
        }

        public String error() {
            return switch (result) {
                case 0 -> null;
                case 1 -> "device refused the command";
                case 2 -> "device could not read the command frame";
                default -> "device answered with unknown result " + result;
            };
        }
    }

    /**
     * Encodes a command; throws IllegalArgumentException when a value does not fit the frame (negative or too
     * large numbers, unknown program).
     */
    public static byte[] encode(StimCommand c, int sequence) {
        byte[] f = new byte[16];
        f[0] = 1;
        f[1] = (byte) OPS.indexOf(c.op());
        if (f[1] <= 0) {
            throw new IllegalArgumentException("unknown op " + c.op());
        }
        u16(f, 2, sequence & 0xFFFF);
        u32(f, 4, field("current_ua", c.currentUa(), 1, 0xFFFFFFFEL));
        u16(f, 8, (int) field("frequency_hz", c.frequencyHz(), 10, 0xFFFE));
        u16(f, 10, (int) field("pulse_width_us", c.pulseWidthUs(), 1, 0xFFFE));
        u16(f, 12, (int) field("duration_s", c.durationS(), 1, 0xFFFE));
        if (c.program() == null) {
            f[14] = (byte) 0xFF;
        } else {
            int p = PROGRAMS.indexOf(c.program());
            if (p < 0) {
                throw new IllegalArgumentException("unknown program " + c.program());
            }
            f[14] = (byte) p;
        }
        return f;
    }

    /** Decodes an ack notification; throws IllegalArgumentException when it is not one. */
    public static Ack decodeAck(byte[] b) {
        if (b.length != 4 || b[0] != 1) {
            throw new IllegalArgumentException("not a sim-tens-command-v1 ack (" + b.length + " bytes)");
        }
        return new Ack((b[1] & 0xFF) | (b[2] & 0xFF) << 8, b[3] & 0xFF);
    }

    private static long field(String name, double v, double scale, long max) {
        if (Double.isNaN(v)) {
            return max + 1; // "unchanged"
        }
        long units = Math.round(v * scale);
        if (units < 0 || units > max) {
            throw new IllegalArgumentException(name + " " + v + " does not fit the command frame");
        }
        return units;
    }

    private static void u16(byte[] f, int o, int v) {
        f[o] = (byte) v;
        f[o + 1] = (byte) (v >>> 8);
    }

    private static void u32(byte[] f, int o, long v) {
        for (int i = 0; i < 4; i++) {
            f[o + i] = (byte) (v >>> (8 * i));
        }
    }
}
