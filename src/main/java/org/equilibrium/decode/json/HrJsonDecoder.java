package org.equilibrium.decode.json;

import static org.equilibrium.decode.json.JsonReader.integer;
import static org.equilibrium.decode.json.JsonReader.missing;
import static org.equilibrium.decode.json.JsonReader.number;
import static org.equilibrium.decode.json.JsonReader.outOfRange;
import static org.equilibrium.decode.json.JsonReader.seen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import org.equilibrium.decode.ContractRanges;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.PayloadDecoder;

/**
 * The contract's {@code hr} payload ({@value #NAME}; shared/contracts/mqtt-wire.md):
 * {@code {"ts": 1763740800123, "seq": 1842, "bpm": 61, "rr_ms": [983.4, 975.6], "contact": true}}.
 * <ul>
 *   <li>{@code ts} integer, required, 0 ≤ ts ≤ 9223372036854 (the last millisecond InfluxDB's
 *       nanosecond timestamps can hold, in 2262);</li>
 *   <li>{@code seq} integer ≥ 0, optional;</li>
 *   <li>{@code bpm} integer 20–250, required;</li>
 *   <li>{@code rr_ms} array of numbers, each 200–3000, optional, may be empty;</li>
 *   <li>{@code contact} boolean, optional.</li>
 * </ul>
 * Shared JSON rules (types, null, unknown fields) are in {@link JsonReader}.
 */
public final class HrJsonDecoder implements PayloadDecoder {

    public static final String NAME = "json-hr";

    private static final int TS = 1;
    private static final int SEQ = 2;
    private static final int BPM = 4;
    private static final int RR = 8;
    private static final int CONTACT = 16;
    private static final double[] NO_RR = new double[0];

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
        long bpm = 0;
        double[] rr = NO_RR;
        Boolean contact = null;
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
                case "bpm" -> {
                    seenMask = seen(seenMask, BPM, name);
                    bpm = integer(p, v, name);
                    if (!ContractRanges.bpmInRange(bpm)) {
                        throw outOfRange(name, Long.toString(bpm), ContractRanges.BPM_MIN + "-" + ContractRanges.BPM_MAX);
                    }
                }
                case "rr_ms" -> {
                    seenMask = seen(seenMask, RR, name);
                    rr = rrArray(p, v);
                }
                case "contact" -> {
                    seenMask = seen(seenMask, CONTACT, name);
                    contact = JsonReader.bool(v, name);
                }
                default -> p.skipChildren();
            }
        }
        if ((seenMask & TS) == 0) {
            throw missing("ts");
        }
        if ((seenMask & BPM) == 0) {
            throw missing("bpm");
        }
        return DecodeResult.of(new HeartRateReading(ts, seq, (int) bpm, rr, contact, null));
    }

    private static double[] rrArray(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw JsonReader.wrongType("rr_ms", "an array of numbers", v);
        }
        double[] out = new double[4];
        int n = 0;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            double rr = number(p, e, "rr_ms[" + n + "]");
            if (!ContractRanges.rrInRange(rr)) {
                throw outOfRange("rr_ms[" + n + "]", p.getText(),
                        (int) ContractRanges.RR_MS_MIN + "-" + (int) ContractRanges.RR_MS_MAX);
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = rr;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
