package org.equilibrium.decode.stim;

import java.util.List;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StimReading;
import org.equilibrium.decode.StimReading.Fault;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.decode.StimReading.State;

/**
 * The simulator TENS's binary telemetry {@value #NAME}: both directions, so the firmware simulator and the
 * service share one definition. 19 bytes, little-endian, one default-MTU notification:
 *
 * <pre>
 * off type field
 *  0  u8   format version = 1
 *  1  u8   bits 0-3 state (0 stopped, 1 ramping, 2 running, 3 paused, 4 fault), bit 4 modality
 *          (0 tens, 1 microcurrent), bit 5 electrode_ok, bits 6-7 reserved = 0
 *  2  u8   bits 0-3 program (0 conventional, 1 burst, 2 modulated, 3 custom), bits 4-7 channel - 1
 *  3  u8   fault code (0 none, 1 lead-off, 2 over-current, 3 battery-low, 4 hardware)
 *  4  u16  seq, wraps at 65536
 *  6  u16  frequency in 0.1 Hz (0 = not running)
 *  8  u16  pulse width, µs
 * 10  u32  current amplitude, µA
 * 14  u16  electrode impedance, Ω (0xFFFF = not measured)
 * 16  u8   battery % 0-100 (0xFF = unknown)
 * 17  u16  remaining session time, s (0xFFFF = no timer)
 * </pre>
 *
 * Mapping to {@link StimReading}: frequency and pulse width 0 are "not set" (null); the "unknown"
 * sentinels are null; {@code seq} is 0–65535 (ingest must treat it as wrapping); the timestamp is the
 * arrival time. Decoding refuses a length other than 19, another version, reserved bits set and codes
 * outside the table ({@code MALFORMED_BINARY}), a battery of 101–254 % and a running state without
 * frequency (or, for TENS, without pulse width) ({@code OUT_OF_RANGE}), as the JSON {@code stim} rules do.
 */
public final class SimTensTelemetryCodec implements PayloadDecoder {

    public static final String NAME = "sim-tens-telemetry-v1";
    public static final int LENGTH = 19;
    public static final int VERSION = 1;
    /** GATT service of the simulator's stimulators; the telemetry, command and ack characteristics follow. */
    public static final String SERVICE_UUID = "e9b10000-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String TELEMETRY_UUID = "e9b10001-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String COMMAND_UUID = "e9b10002-7c1a-4d5e-9f3b-5e7175696c69";
    public static final String ACK_UUID = "e9b10003-7c1a-4d5e-9f3b-5e7175696c69";
    /** Program names by code (byte 2, bits 0-3). */
    public static final List<String> PROGRAMS = List.of("conventional", "burst", "modulated", "custom");

    private static final int U16_UNKNOWN = 0xFFFF;
    private static final int U8_UNKNOWN = 0xFF;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Encodes one reading as the 19-byte frame. Its timestamp is not sent (the receiver uses arrival time).
     * Null fields encode as: {@code electrodeOk} → 0, {@code fault} → none, {@code frequencyHz},
     * {@code pulseWidthUs}, {@code currentMicroamps} → 0, {@code impedanceOhm}, {@code batteryPct},
     * {@code remainingS} → their "unknown" sentinels; {@code seq} is sent modulo 65536. Decimal values are
     * rounded to the wire's unit (0.1 Hz, 1 µs, 1 µA, 1 Ω).
     *
     * @throws IllegalArgumentException when a value cannot be represented: null seq, a program not in
     *                                  {@link #PROGRAMS}, channel outside 1–16, a value beyond its field,
     *                                  or a running state without frequency (TENS: without pulse width),
     *                                  which the decoder would refuse
     */
    public static byte[] encode(StimReading r) {
        if (r.seq() == null) {
            throw new IllegalArgumentException("seq is required on the wire");
        }
        int program = PROGRAMS.indexOf(r.program());
        if (program < 0) {
            throw new IllegalArgumentException("program must be one of " + PROGRAMS + ", was " + r.program());
        }
        if (r.channel() < 1 || r.channel() > 16) {
            throw new IllegalArgumentException("channel must be 1-16, was " + r.channel());
        }
        int freq = scaled(r.frequencyHz(), 10.0, 0xFFFF, "frequencyHz");
        int pw = scaled(r.pulseWidthUs(), 1.0, 0xFFFF, "pulseWidthUs");
        long current = r.currentMicroamps() == null ? 0 : Math.round(r.currentMicroamps());
        if (current < 0 || current > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("currentMicroamps must be 0-4294967295, was " + r.currentMicroamps());
        }
        if (r.state() == State.RUNNING && (freq == 0 || r.modality() == Modality.TENS && pw == 0)) {
            throw new IllegalArgumentException("a running " + r.modality().wireName()
                    + " frame needs a frequency" + (r.modality() == Modality.TENS ? " and a pulse width" : ""));
        }
        int impedance = r.impedanceOhm() == null ? U16_UNKNOWN : scaled(r.impedanceOhm(), 1.0, 0xFFFE, "impedanceOhm");
        int battery = r.batteryPct() == null ? U8_UNKNOWN : checked(r.batteryPct(), 100, "batteryPct");
        int remaining = r.remainingS() == null ? U16_UNKNOWN : checked(r.remainingS(), 0xFFFE, "remainingS");
        Fault fault = r.fault() == null ? Fault.NONE : r.fault();

        byte[] b = new byte[LENGTH];
        b[0] = VERSION;
        b[1] = (byte) (r.state().ordinal() | (r.modality() == Modality.MICROCURRENT ? 0x10 : 0)
                | (Boolean.TRUE.equals(r.electrodeOk()) ? 0x20 : 0));
        b[2] = (byte) (program | (r.channel() - 1) << 4);
        b[3] = (byte) fault.ordinal();
        putU16(b, 4, (int) (r.seq() & 0xFFFF));
        putU16(b, 6, freq);
        putU16(b, 8, pw);
        putU32(b, 10, current);
        putU16(b, 14, impedance);
        b[16] = (byte) battery;
        putU16(b, 17, remaining);
        return b;
    }

    @Override
    public DecodeResult decode(byte[] b, long arrivalMs) {
        if (b == null || b.length != LENGTH) {
            return malformed("expected " + LENGTH + " bytes, got " + (b == null ? 0 : b.length));
        }
        if (b[0] != VERSION) {
            return malformed("format version " + (b[0] & 0xFF) + ", only " + VERSION + " is known");
        }
        int status = b[1] & 0xFF;
        if ((status & 0xC0) != 0) {
            return malformed("reserved status bits 6-7 set (0x" + Integer.toHexString(status) + ")");
        }
        int stateCode = status & 0x0F;
        if (stateCode >= State.values().length) {
            return malformed("state code " + stateCode);
        }
        State state = State.values()[stateCode];
        Modality modality = (status & 0x10) != 0 ? Modality.MICROCURRENT : Modality.TENS;
        boolean electrodeOk = (status & 0x20) != 0;
        int programCode = b[2] & 0x0F;
        if (programCode >= PROGRAMS.size()) {
            return malformed("program code " + programCode);
        }
        int channel = ((b[2] & 0xF0) >>> 4) + 1;
        int faultCode = b[3] & 0xFF;
        if (faultCode >= Fault.values().length) {
            return malformed("fault code " + faultCode);
        }
        int seq = u16(b, 4);
        int freqDeciHz = u16(b, 6);
        int pw = u16(b, 8);
        long current = (b[10] & 0xFFL) | (b[11] & 0xFFL) << 8 | (b[12] & 0xFFL) << 16 | (b[13] & 0xFFL) << 24;
        int impedance = u16(b, 14);
        int battery = b[16] & 0xFF;
        int remaining = u16(b, 17);
        if (battery > 100 && battery != U8_UNKNOWN) {
            return DecodeResult.reject(RejectReason.OUT_OF_RANGE, NAME + ": battery " + battery + " %");
        }
        if (state == State.RUNNING && freqDeciHz == 0) {
            return DecodeResult.reject(RejectReason.OUT_OF_RANGE, NAME + ": running with frequency 0");
        }
        if (state == State.RUNNING && modality == Modality.TENS && pw == 0) {
            return DecodeResult.reject(RejectReason.OUT_OF_RANGE, NAME + ": running TENS with pulse width 0");
        }
        return DecodeResult.of(new StimReading(arrivalMs, (long) seq, modality, state, PROGRAMS.get(programCode),
                channel, freqDeciHz == 0 ? null : freqDeciHz / 10.0, pw == 0 ? null : (double) pw,
                (double) current, electrodeOk, impedance == U16_UNKNOWN ? null : (double) impedance,
                battery == U8_UNKNOWN ? null : battery, remaining == U16_UNKNOWN ? null : remaining,
                Fault.values()[faultCode]));
    }

    private static DecodeResult malformed(String detail) {
        return DecodeResult.reject(RejectReason.MALFORMED_BINARY, NAME + ": " + detail);
    }

    private static int scaled(Double value, double factor, int max, String field) {
        if (value == null) {
            return 0;
        }
        long v = Math.round(value * factor);
        if (!Double.isFinite(value) || v < 0 || v > max) {
            throw new IllegalArgumentException(field + " " + value + " does not fit the wire field (0-"
                    + max / factor + ")");
        }
        return (int) v;
    }

    private static int checked(int value, int max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be 0-" + max + ", was " + value);
        }
        return value;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
