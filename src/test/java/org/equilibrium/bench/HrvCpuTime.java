package org.equilibrium.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Companion to {@link HrvBenchmark} for a shared, overloaded machine: JMH reports wall-clock time, which
 * other processes inflate; this prints the <em>thread CPU time</em> per operation of the same operations
 * (after warm-up), i.e. what one core actually spends. Same classpath as HrvBenchmark.
 */
public final class HrvCpuTime {
    private HrvCpuTime() {
    }

    public static void main(String[] args) {
        HrvBenchmark b = new HrvBenchmark();
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            report(mx, "fullPanel300sWelch", 5_000, () -> b.fullPanel300sWelch().beats());
            report(mx, "fullPanel300sLomb", 500, () -> b.fullPanel300sLomb().beats());
            report(mx, "incrementalAccept", 2_000_000, b::incrementalAccept);
            report(mx, "incrementalAcceptAndRunning60s", 1_000_000, () -> b.incrementalAcceptAndRunning60s().time().intervals());
        }
    }

    private static void report(ThreadMXBean mx, String name, int ops, IntSupplier op) {
        int sink = 0;
        for (int i = 0; i < ops; i++) {
            sink += op.getAsInt();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            sink += op.getAsInt();
        }
        double cpuUs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / ops;
        double wallUs = (System.nanoTime() - wall0) / 1e3 / ops;
        System.out.printf(Locale.ROOT, "%-32s cpu %9.3f us/op   wall %9.3f us/op   (%d)%n", name, cpuUs, wallUs, sink & 1);
    }
}
