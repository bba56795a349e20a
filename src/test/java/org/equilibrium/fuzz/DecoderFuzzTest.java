package org.equilibrium.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.ingest.IngestLimits;
import org.equilibrium.testsupport.fuzz.Bounded;
import org.equilibrium.testsupport.fuzz.Mutator;

/**
 * Hostile input into each of the six decoders: uniform noise, mutated valid payloads and built-to-hurt JSON (deep
 * nesting, huge numbers and strings), up to the ingest payload limit. Every payload must come back as Decoded or
 * Rejected within the time bound: no exception, no hang. Tries per property: {@code jqwik.tries.default}
 * (src/test/resources/junit-platform.properties; long run: {@code mvn -Djqwik.tries.default=1000000 test
 * -Dtest='*FuzzTest'}).
 */
class DecoderFuzzTest {
    /** The ingest pipeline rejects larger payloads before any decoder sees them. */
    static final int MAX_PAYLOAD = IngestLimits.defaults().maxPayloadBytes();
    private static final long ARRIVAL_MS = 1_763_740_800_000L;
    private static final DecoderRegistry DECODERS = DecoderRegistry.standard();
    private static final Bounded BOUNDED = new Bounded(Duration.ofSeconds(5));

    private static final List<byte[]> VALID = List.of(
            hex("16 3c 1a 03 e4 04"),
            hex("19 2c 01 10 00 00 04 00 02"),
            hex("10 48 00 04 e4 04 e0 03 d0 03 c8 03 c0 03 b8 03 b0 03 a8 03"),
            hex("51"),
            hex("01 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04"),
            utf8("{\"ts\": 1763740800123, \"seq\": 1842, \"bpm\": 61, \"rr_ms\": [983.4, 975.6], \"contact\": true}"),
            utf8("{\"ts\": 1763740800123, \"seq\": 77, \"modality\": \"tens\", \"state\": \"running\", \"program\":"
                    + " \"burst\", \"channel\": 1, \"frequency_hz\": 80.0, \"pulse_width_us\": 200, \"current_ua\": 12500,"
                    + " \"electrode_ok\": true, \"impedance_ohm\": 1500, \"battery_pct\": 81, \"remaining_s\": 1200}"),
            utf8("{\"ts\": 1, \"modality\": \"microcurrent\", \"state\": \"stopped\"}"),
            utf8("{\"online\": true, \"model\": \"polar-h10\", \"fw\": \"5.0.0\", \"battery_pct\": 81,"
                    + " \"claim_code\": \"K7Q2-9XWM\", \"x\": {\"y\": [1, 2.5e3, null]}}"));

    private static final Mutator MUTATOR = new Mutator(List.of("{", "}", "[", "]", "\"", ",", ":", "null", "true",
            "false", "-0", "1e309", "-1e309", "4.9e-324", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "0.0000000000000000000001", "\"\\u0000\"", "\"\\ud800\"", "\\", "\"ts\":",
            "\"rr_ms\":", "\"bpm\":", "\"state\":", "\"current_ua\":", "\"seq\":", "NaN", "Infinity", "\u00ff",
            "\u00c3\u00a9", "\r\n"), MAX_PAYLOAD);

    @AfterContainer
    static void stopWorker() {
        BOUNDED.close();
    }

    @Property
    void bleHeartRateMeasurement(@ForAll("payloads") byte[] payload) {
        decodesOrRejects("ble-hrm-2a37", payload);
    }

    @Property
    void bleBatteryLevel(@ForAll("payloads") byte[] payload) {
        decodesOrRejects("ble-battery-2a19", payload);
    }

    @Property
    void jsonHr(@ForAll("payloads") byte[] payload) {
        decodesOrRejects("json-hr", payload);
    }

    @Property
    void jsonStim(@ForAll("payloads") byte[] payload) {
        decodesOrRejects("json-stim", payload);
    }

    @Property
    void jsonStatus(@ForAll("payloads") byte[] payload) {
        decodesOrRejects("json-status", payload);
    }

    @Property
    void simTensTelemetry(@ForAll("payloads") byte[] payload) {
        decodesOrRejects("sim-tens-telemetry-v1", payload);
    }

    private static void decodesOrRejects(String decoderName, byte[] payload) {
        PayloadDecoder decoder = DECODERS.find(decoderName).orElseThrow();
        DecodeResult r = BOUNDED.run(() -> decoder.decode(payload, ARRIVAL_MS),
                () -> decoderName + " " + Mutator.describe(payload));
        assertThat(r).as("%s on %s", decoderName, Mutator.describe(payload)).isNotNull();
        if (r instanceof DecodeResult.Rejected rej) {
            assertThat(rej.reason()).isNotNull();
        } else {
            assertThat(((DecodeResult.Decoded) r).readings()).doesNotContainNull();
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> mutated = Arbitraries.randomValue(r -> MUTATOR.mutate(VALID.get(r.nextInt(VALID.size())), r));
        Arbitrary<byte[]> hostile = Arbitraries.randomValue(DecoderFuzzTest::hostileJson);
        Arbitrary<byte[]> frames = Arbitraries.randomValue(DecoderFuzzTest::telemetryFrame);
        return Arbitraries.frequencyOf(Tuple.of(2, noise), Tuple.of(6, mutated), Tuple.of(1, hostile),
                Tuple.of(1, frames));
    }

    /** Deep nesting, long arrays, huge numbers and strings, all within the payload limit. */
    private static byte[] hostileJson(Random r) {
        int size = 1 + r.nextInt(MAX_PAYLOAD - 64);
        String body = switch (r.nextInt(5)) {
            case 0 -> "{\"x\":" + "[".repeat(size / 2) + "]".repeat(size / 2) + ",\"ts\":1,\"bpm\":60}";
            case 1 -> "{\"ts\":1,\"bpm\":60,\"rr_ms\":[" + "800,".repeat(size / 4) + "800]}";
            case 2 -> "{\"ts\":" + "9".repeat(size) + ",\"bpm\":60}";
            case 3 -> "{\"model\":\"" + "a".repeat(size) + "\",\"online\":true}";
            default -> "{\"ts\":1,\"state\":\"running\",\"modality\":\"tens\",\"current_ua\":0." + "0".repeat(size)
                    + "1}";
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** 19 random bytes with a valid version byte: the whole sim-tens-telemetry-v1 field space. */
    private static byte[] telemetryFrame(Random r) {
        byte[] b = new byte[r.nextInt(8) == 0 ? r.nextInt(24) : 19];
        r.nextBytes(b);
        if (b.length > 0 && r.nextBoolean()) {
            b[0] = 1;
        }
        return b;
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
