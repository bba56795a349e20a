package org.equilibrium.bench;

import java.util.concurrent.TimeUnit;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.TestData;
import org.equilibrium.analysis.live.IncrementalHrvAnalyzer;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.rr.RrWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Targets (issue 3): full panel &lt; 200 µs per 300-s window, incremental update &lt; 5 µs per beat, one core.
 * Run from the worktree:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) org.equilibrium.bench.HrvBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class HrvBenchmark {
    private HrvAnalyzer auto;
    private HrvAnalyzer lomb;
    private RrWindow window;
    private RrWindow window30s;
    private double[] rr;
    private IncrementalHrvAnalyzer live;
    private double t;
    private int i;

    @Setup
    public void setUp() {
        rr = TestData.intervals("rhb_rest");
        window = RrSeries.fromIntervals(rr).window(0, 300_000);
        window30s = RrSeries.fromIntervals(rr).window(270_000, 300_000);
        auto = new HrvAnalyzer(HrvConfig.DEFAULT);
        lomb = new HrvAnalyzer(HrvConfig.DEFAULT.withMethod(HrvConfig.SpectralMethod.LOMB));
        live = new IncrementalHrvAnalyzer(auto);
        t = 0;
        i = 0;
        for (int k = 0; k < 1000; k++) {
            nextBeat();
        }
    }

    private void nextBeat() {
        double v = rr[i];
        i = i + 1 == rr.length ? 0 : i + 1;
        t += v;
        live.accept(t, v);
    }

    /** Whole panel (auto correction, Welch, DFA, indices) of a 300-s window: 284 beats of rhb_rest. */
    @Benchmark
    public HrvPanel fullPanel300sWelch() {
        return auto.analyze(window);
    }

    @Benchmark
    public HrvPanel fullPanel300sLomb() {
        return lomb.analyze(window);
    }

    /** A whole 30-s panel, as the live tick built before it needed only the panel's mean HR. */
    @Benchmark
    public HrvPanel fullPanel30sWelch() {
        return auto.analyze(window30s);
    }

    /** The same window's mean HR and quality alone (what the live tick scores). */
    @Benchmark
    public HrvAnalyzer.MeanHeartRate meanHeartRate30s() {
        return auto.meanHeartRate(window30s);
    }

    /** One beat into the live analyzer (ring buffer, prefix sums, eviction). */
    @Benchmark
    public int incrementalAccept() {
        nextBeat();
        return live.retainedBeats();
    }

    /** One beat in plus the running 60-s time domain read back, as a per-beat display would. */
    @Benchmark
    public IncrementalHrvAnalyzer.Running incrementalAcceptAndRunning60s() {
        nextBeat();
        return live.running(60, t);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(HrvBenchmark.class.getName())
                .jvmArgsAppend("-Dequilibrium.shared=" + System.getProperty("equilibrium.shared", "../shared"))
                .build()).run();
    }
}
