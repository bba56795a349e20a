package org.equilibrium.bench;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.TestData;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.equilibrium.session.autonomic.LiveSessionAnalysis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Figures for the pure live chain of many sessions (issue 5 benchmark, without MQTT/InfluxDB): N sessions
 * each replaying a real recording ({@code rhb_exercise}, staggered), one thread. Prints heap per session,
 * thread CPU per beat and per 5-s tick (two panels, the 30-s mean HR, estimate), tick latency p50/p99, and the share of one
 * core that N sessions need at 5-s cadence. Run from the worktree:
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) org.equilibrium.bench.SessionChainCpuTime [N] [minutes]
 * </pre>
 */
public final class SessionChainCpuTime {
    private static final long T0 = 1_763_740_800_000L;

    private SessionChainCpuTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double[] rr = TestData.intervals("rhb_exercise");
        HrvAnalyzer analyzer = new HrvAnalyzer(HrvConfig.DEFAULT);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Runtime rt = Runtime.getRuntime();

        long heap0 = usedAfterGc(rt);
        LiveSessionAnalysis[] sessions = new LiveSessionAnalysis[n];
        double[] beatEnd = new double[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = new LiveSessionAnalysis(analyzer, EstimatorSettings.defaults(), T0);
            beatEnd[i] = T0;
            next[i] = (i * 37) % rr.length;   // staggered starting points in the recording
        }
        long beats = 0;
        long ticks = 0;
        long beatCpu = 0;
        long tickCpu = 0;
        long[] latencyNs = new long[n * minutes * 12];
        int lat = 0;
        for (long now = T0 + 5_000; now <= T0 + minutes * 60_000L; now += 5_000) {
            boolean measure = now > T0 + 120_000;   // after the 120-s window is full
            for (int i = 0; i < n; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                while (beatEnd[i] + rr[next[i]] <= now) {
                    beatEnd[i] += rr[next[i]];
                    sessions[i].onBeat(Math.round(beatEnd[i]), rr[next[i]]);
                    next[i] = (next[i] + 1) % rr.length;
                    beats++;
                }
                long c1 = mx.getCurrentThreadCpuTime();
                long w = System.nanoTime();
                sessions[i].tick(now, now < T0 + 180_000 ? PhaseKind.BASELINE : PhaseKind.PRACTICE, null, true);
                long wNs = System.nanoTime() - w;
                long c2 = mx.getCurrentThreadCpuTime();
                beatCpu += c1 - c0;
                if (measure) {
                    tickCpu += c2 - c1;
                    ticks++;
                    latencyNs[lat++] = wNs;
                }
            }
        }
        long heap1 = usedAfterGc(rt);
        long[] l = Arrays.copyOf(latencyNs, lat);
        Arrays.sort(l);
        double tickUs = tickCpu / 1e3 / Math.max(1, ticks);
        double beatUs = beatCpu / 1e3 / Math.max(1, beats);
        double beatsPerSessionPer5s = (double) beats / n / (minutes * 12);
        double coreShare = n * (tickUs + beatUs * beatsPerSessionPer5s) / 5e6;
        System.out.printf(Locale.ROOT, "sessions %d, %d min simulated, %d beats, %d measured ticks%n", n, minutes,
                beats, ticks);
        System.out.printf(Locale.ROOT, "heap per session      %8.1f KiB (retained, after GC)%n",
                (heap1 - heap0) / 1024.0 / n);
        System.out.printf(Locale.ROOT, "cpu per beat          %8.2f us%n", beatUs);
        System.out.printf(Locale.ROOT, "cpu per tick          %8.1f us (60-s + 120-s panel, 30-s mean HR, estimate)%n", tickUs);
        System.out.printf(Locale.ROOT, "tick latency p50/p99  %8.1f / %.1f us (wall)%n",
                l.length == 0 ? 0 : l[l.length / 2] / 1e3, l.length == 0 ? 0 : l[(int) (l.length * 0.99)] / 1e3);
        System.out.printf(Locale.ROOT, "one core used by %d sessions at 5-s cadence: %.1f %%%n", n, 100 * coreShare);
        if (sessions[0] == null) {
            System.out.println();   // keep the sessions reachable until the heap was measured
        }
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
