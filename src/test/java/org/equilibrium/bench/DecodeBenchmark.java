package org.equilibrium.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.gatt.HeartRateMeasurementDecoder;
import org.equilibrium.decode.json.HrJsonDecoder;
import org.equilibrium.decode.json.StimJsonDecoder;
import org.equilibrium.decode.stim.SimTensTelemetryCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Decoder throughput on one thread. Ingest's target is ~40,000 {@code hr} messages/s per core with room to
 * spare, i.e. well under 25 µs per decode. Run:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.equilibrium.bench.DecodeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {

    private final HrJsonDecoder hrJson = new HrJsonDecoder();
    private final StimJsonDecoder stimJson = new StimJsonDecoder();
    private final HeartRateMeasurementDecoder hrm = new HeartRateMeasurementDecoder();
    private final SimTensTelemetryCodec simTens = new SimTensTelemetryCodec();

    private final byte[] hrPayload = ("{\"ts\": 1763740800123, \"seq\": 1842, \"bpm\": 61, \"rr_ms\": [983.4, 975.6],"
            + " \"contact\": true}").getBytes(StandardCharsets.UTF_8);
    private final byte[] stimPayload = ("{\"ts\": 1763740800123, \"seq\": 77, \"modality\": \"tens\", \"state\":"
            + " \"running\", \"program\": \"burst\", \"channel\": 1, \"frequency_hz\": 80.0, \"pulse_width_us\": 200,"
            + " \"current_ua\": 12500, \"electrode_ok\": true, \"impedance_ohm\": 1500, \"battery_pct\": 81,"
            + " \"remaining_s\": 1200}").getBytes(StandardCharsets.UTF_8);
    private final byte[] hrmPayload = {0x16, 0x3c, 0x1a, 0x03, (byte) 0xe4, 0x04};
    private final byte[] simPayload = java.util.HexFormat.of()
            .parseHex("012201000201200" + "3c800d4300000dc0551b004");

    @Benchmark
    public DecodeResult jsonHr() {
        return hrJson.decode(hrPayload, 0L);
    }

    @Benchmark
    public DecodeResult jsonStim() {
        return stimJson.decode(stimPayload, 0L);
    }

    @Benchmark
    public DecodeResult gatt2a37() {
        return hrm.decode(hrmPayload, 0L);
    }

    @Benchmark
    public DecodeResult simTensTelemetry() {
        return simTens.decode(simPayload, 0L);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(DecodeBenchmark.class.getSimpleName()).build()).run();
    }
}
