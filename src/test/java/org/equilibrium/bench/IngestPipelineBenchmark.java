package org.equilibrium.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.ingest.ContractStreamDecoders;
import org.equilibrium.ingest.DeviceObserver;
import org.equilibrium.ingest.IngestLimits;
import org.equilibrium.ingest.IngestListeners;
import org.equilibrium.ingest.IngestMetrics;
import org.equilibrium.ingest.IngestPipeline;
import org.equilibrium.ingest.IngestStats;
import org.equilibrium.ingest.RejectLog;
import org.equilibrium.ingest.TopicParser;
import org.equilibrium.storage.Sample;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-message cost of {@link IngestPipeline#process} (topic parse, decode, range check, seq, beats, samples,
 * metrics) for contract {@code hr} messages from 1,000 devices, each with a fresh seq. Run:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.equilibrium.bench.IngestPipelineBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IngestPipelineBenchmark {
    private static final int DEVICES = 1_000;
    private static final int PER_DEVICE = 400;

    private String[] topics;
    private byte[][] payloads;
    private IngestPipeline pipeline;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        topics = new String[DEVICES * PER_DEVICE];
        payloads = new byte[DEVICES * PER_DEVICE][];
        long ts = 1_763_740_800_000L;
        int i = 0;
        for (int m = 0; m < PER_DEVICE; m++) {
            for (int d = 0; d < DEVICES; d++) {
                topics[i] = "biofeedback/v1/strap-" + d + "/hr";
                payloads[i] = ("{\"ts\": " + (ts + m * 1950L) + ", \"seq\": " + m + ", \"bpm\": 61, \"rr_ms\": [983.4, 966.6],"
                        + " \"contact\": true}").getBytes(StandardCharsets.UTF_8);
                i++;
            }
        }
        reset();
    }

    private void reset() {
        IngestLimits limits = IngestLimits.defaults();
        pipeline = new IngestPipeline(limits, new TopicParser("", 256),
                new ContractStreamDecoders(DecoderRegistry.standard()), new IngestStats(),
                new IngestMetrics(new SimpleMeterRegistry(), limits.maxDeviceTags()), new RejectLog(60_000, 1000),
                DeviceObserver.NONE, new IngestListeners());
        next = 0;
    }

    @Benchmark
    public List<Sample> hrMessage() {
        if (next == topics.length) {
            reset(); // replaying would be duplicates: start with fresh device state
        }
        int i = next++;
        return pipeline.process(topics[i], payloads[i], 1_763_740_900_000L, null);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(IngestPipelineBenchmark.class.getSimpleName()).build()).run();
    }
}
