package org.equilibrium.decode.json;

import static org.equilibrium.decode.json.JsonReader.missing;
import static org.equilibrium.decode.json.JsonReader.outOfRange;
import static org.equilibrium.decode.json.JsonReader.seen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StimReading;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.decode.StimReading.State;

/**
 * The contract's {@code stim} payload ({@value #NAME}; shared/contracts/mqtt-wire.md, "stim").
 * <ul>
 *   <li>required: {@code ts} (as for {@code hr}), {@code modality} ({@code tens}|{@code microcurrent}),
 *       {@code state} ({@code stopped}|{@code ramping}|{@code running}|{@code paused}|{@code fault});
 *       another string is {@code OUT_OF_RANGE}, another type {@code WRONG_TYPE};</li>
 *   <li>required when {@code state} is {@code running}: {@code frequency_hz} and {@code current_ua}, and for
 *       {@code tens} also {@code pulse_width_us} ({@code MISSING_FIELD} otherwise); while running,
 *       {@code frequency_hz} and {@code pulse_width_us} must be &gt; 0;</li>
 *   <li>in any state the numbers may not be negative ({@code frequency_hz} 0 outside {@code running} means
 *       "not set"), {@code channel} is an integer ≥ 1 (default 1), {@code battery_pct} an integer 0–100,
 *       {@code remaining_s} an integer ≥ 0, {@code impedance_ohm} a number ≥ 0 (a negative impedance is not
 *       a measurement), {@code program} a string of at most 128 characters.</li>
 * </ul>
 */
public final class StimJsonDecoder implements PayloadDecoder {

    public static final String NAME = "json-stim";

    private static final int TS = 1;
    private static final int SEQ = 1 << 1;
    private static final int MODALITY = 1 << 2;
    private static final int STATE = 1 << 3;
    private static final int PROGRAM = 1 << 4;
    private static final int CHANNEL = 1 << 5;
    private static final int FREQ = 1 << 6;
    private static final int PW = 1 << 7;
    private static final int CURRENT = 1 << 8;
    private static final int ELECTRODE = 1 << 9;
    private static final int IMPEDANCE = 1 << 10;
    private static final int BATTERY = 1 << 11;
    private static final int REMAINING = 1 << 12;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DecodeResult decode(byte[] payload, long arrivalMs) {
        return JsonFields.decodeObject(payload, this::parse);
    }

    private DecodeResult parse(JsonParser p) throws IOException {
        int seenMask = 0;
        long ts = 0;
        Long seq = null;
        Modality modality = null;
        State state = null;
        String program = null;
        int channel = 1;
        Double freq = null;
        Double pw = null;
        Double current = null;
        Boolean electrodeOk = null;
        Double impedance = null;
        Integer battery = null;
        Integer remaining = null;
        String name;
        while ((name = JsonFields.nextField(p)) != null) {
            JsonToken v = p.currentToken();
            switch (name) {
                case "ts" -> {
                    seenMask = seen(seenMask, TS, name);
                    ts = JsonFields.timestamp(p, v);
                }
                case "seq" -> {
                    seenMask = seen(seenMask, SEQ, name);
                    seq = JsonFields.sequence(p, v);
                }
                case "modality" -> {
                    seenMask = seen(seenMask, MODALITY, name);
                    modality = modality(JsonReader.string(p, v, name));
                }
                case "state" -> {
                    seenMask = seen(seenMask, STATE, name);
                    state = state(JsonReader.string(p, v, name));
                }
                case "program" -> {
                    seenMask = seen(seenMask, PROGRAM, name);
                    program = JsonReader.string(p, v, name);
                }
                case "channel" -> {
                    seenMask = seen(seenMask, CHANNEL, name);
                    long c = JsonReader.integer(p, v, name);
                    if (c < 1 || c > Integer.MAX_VALUE) {
                        throw outOfRange(name, Long.toString(c), ">= 1");
                    }
                    channel = (int) c;
                }
                case "frequency_hz" -> {
                    seenMask = seen(seenMask, FREQ, name);
                    freq = nonNegative(p, v, name);
                }
                case "pulse_width_us" -> {
                    seenMask = seen(seenMask, PW, name);
                    pw = nonNegative(p, v, name);
                }
                case "current_ua" -> {
                    seenMask = seen(seenMask, CURRENT, name);
                    current = nonNegative(p, v, name);
                }
                case "electrode_ok" -> {
                    seenMask = seen(seenMask, ELECTRODE, name);
                    electrodeOk = JsonReader.bool(v, name);
                }
                case "impedance_ohm" -> {
                    seenMask = seen(seenMask, IMPEDANCE, name);
                    impedance = nonNegative(p, v, name);
                }
                case "battery_pct" -> {
                    seenMask = seen(seenMask, BATTERY, name);
                    battery = JsonFields.batteryPct(p, v);
                }
                case "remaining_s" -> {
                    seenMask = seen(seenMask, REMAINING, name);
                    long r = JsonReader.integer(p, v, name);
                    if (r < 0 || r > Integer.MAX_VALUE) {
                        throw outOfRange(name, Long.toString(r), "0-" + Integer.MAX_VALUE);
                    }
                    remaining = (int) r;
                }
                default -> p.skipChildren();
            }
        }
        if ((seenMask & TS) == 0) {
            throw missing("ts");
        }
        if (modality == null) {
            throw missing("modality");
        }
        if (state == null) {
            throw missing("state");
        }
        if (state == State.RUNNING) {
            requirePositive(freq, "frequency_hz");
            if (current == null) {
                throw missing("current_ua");
            }
            if (modality == Modality.TENS) {
                requirePositive(pw, "pulse_width_us");
            }
        }
        return DecodeResult.of(new StimReading(ts, seq, modality, state, program, channel, freq, pw, current,
                electrodeOk, impedance, battery, remaining));
    }

    private static void requirePositive(Double value, String field) {
        if (value == null) {
            throw new JsonReader.Reject(RejectReason.MISSING_FIELD, "'" + field + "' is required while running");
        }
        if (value <= 0) {
            throw outOfRange(field, value.toString(), "> 0 while running");
        }
    }

    private static double nonNegative(JsonParser p, JsonToken v, String field) throws IOException {
        double d = JsonReader.number(p, v, field);
        if (d < 0) {
            throw outOfRange(field, p.getText(), ">= 0");
        }
        return d;
    }

    private static Modality modality(String s) {
        return switch (s) {
            case "tens" -> Modality.TENS;
            case "microcurrent" -> Modality.MICROCURRENT;
            default -> throw outOfRange("modality", "'" + s + "'", "{tens, microcurrent}");
        };
    }

    private static State state(String s) {
        return switch (s) {
            case "stopped" -> State.STOPPED;
            case "ramping" -> State.RAMPING;
            case "running" -> State.RUNNING;
            case "paused" -> State.PAUSED;
            case "fault" -> State.FAULT;
            default -> throw outOfRange("state", "'" + s + "'", "{stopped, ramping, running, paused, fault}");
        };
    }
}
