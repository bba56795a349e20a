package org.equilibrium.sim.ble;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.equilibrium.sim.wire.JsonText;

/**
 * The simulated stimulator's side of "sim-tens-command-v1", the binary form of a {@code cmd} written to the
 * command characteristic {@code e9b10002-…} (layout in src/docs/ble.md), and of its acknowledgement notified on
 * {@code e9b10003-…}. 16 bytes, little-endian, so a write fits the default ATT MTU:
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
 */
public final class CommandFrames {
    public static final String SERVICE_UUID = "e9b10000-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String TELEMETRY_UUID = "e9b10001-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String COMMAND_UUID = "e9b10002-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String ACK_UUID = "e9b10003-7c1a-4d5e-9f3b-5e7175696c69";
    public static final int LENGTH = 16;
    private static final String[] OPS = {null, "start", "stop", "set", "pause"};
    private static final String[] PROGRAMS = {"conventional", "burst", "modulated", "custom"};
    /** Command ids the simulation sees for BLE commands: the sequence number is recoverable from the ack. */
    static final String ID_PREFIX = "ble-";

    private CommandFrames() {
    }

    /** A frame the device cannot read; {@code sequence} is -1 when even that was unreadable. */
    public static final class MalformedFrame extends IllegalArgumentException {
        final int sequence;

        MalformedFrame(int sequence, String reason) {
            super(reason);
            this.sequence = sequence;
        }
    }

    /** The contract's {@code cmd} JSON for a frame, with id {@code ble-<sequence>}. */
    public static byte[] toCommandJson(byte[] f) {
        if (f.length != LENGTH) {
            throw new MalformedFrame(f.length >= 4 ? u16(f, 2) : -1, "frame is " + f.length + " bytes, not " + LENGTH);
        }
        int seq = u16(f, 2);
        if (f[0] != 1) {
            throw new MalformedFrame(seq, "unknown frame version " + (f[0] & 0xFF));
        }
        int op = f[1] & 0xFF;
        if (op < 1 || op >= OPS.length) {
            throw new MalformedFrame(seq, "unknown op " + op);
        }
        int program = f[14] & 0xFF;
        if (program != 0xFF && program >= PROGRAMS.length || f[15] != 0) {
            throw new MalformedFrame(seq, "bad program or reserved byte");
        }
        StringBuilder sb = new StringBuilder(128).append("{\"id\":\"").append(ID_PREFIX).append(seq)
                .append("\",\"op\":\"").append(OPS[op]).append('"');
        long current = u32(f, 4);
        if (current != 0xFFFFFFFFL) {
            sb.append(",\"current_ua\":").append(current);
        }
        int freq = u16(f, 8);
        if (freq != 0xFFFF) {
            sb.append(",\"frequency_hz\":");
            JsonText.fixed(sb, freq / 10.0, 1);
        }
        int pw = u16(f, 10);
        if (pw != 0xFFFF) {
            sb.append(",\"pulse_width_us\":").append(pw);
        }
        int dur = u16(f, 12);
        if (dur != 0xFFFF) {
            sb.append(",\"duration_s\":").append(dur);
        }
        if (program != 0xFF) {
            sb.append(",\"program\":\"").append(PROGRAMS[program]).append('"');
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The ack frame for a malformed command. */
    public static byte[] malformedAck(MalformedFrame e) {
        return ack(Math.max(0, e.sequence), 2);
    }

    /**
     * The ack frame for the simulation's {@code cmd/ack} JSON, or null when the ack is not for a BLE command
     * (scenario commands have other ids).
     */
    public static byte[] ackFromJson(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        int i = s.indexOf("\"id\":\"" + ID_PREFIX);
        if (i < 0) {
            return null;
        }
        int start = i + 6 + ID_PREFIX.length();
        int end = s.indexOf('"', start);
        int seq;
        try {
            seq = Integer.parseInt(s.substring(start, end));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null;
        }
        boolean ok = s.replace(" ", "").toLowerCase(Locale.ROOT).contains("\"ok\":true");
        return ack(seq, ok ? 0 : 1);
    }

    static byte[] ack(int seq, int result) {
        return new byte[] {1, (byte) seq, (byte) (seq >>> 8), (byte) result};
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }
}
