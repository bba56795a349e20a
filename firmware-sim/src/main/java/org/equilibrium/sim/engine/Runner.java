package org.equilibrium.sim.engine;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;

/**
 * Drives a {@link Simulation} on its virtual clock: in real time ({@code speed} 1), faster
 * ({@code speed} 60: a virtual minute per real second) or as fast as possible ({@code speed}
 * infinite, in virtual steps of {@link #MAX_SPEED_STEP_MS}).
 */
public final class Runner {
    public static final long REAL_TICK_MS = 100;
    public static final long MAX_SPEED_STEP_MS = 1000;

    private Runner() {
    }

    /** Live view of a run, called about once a second of wall time and once at the end. */
    @FunctionalInterface
    public interface Progress {
        void update(Simulation sim, double wallS, boolean done);
    }

    /**
     * What a run cost.
     *
     * @param virtualS        virtual seconds simulated (after the connect phase)
     * @param wallS           wall seconds of the steady phase
     * @param cpuS            process CPU seconds of the steady phase (all threads, the transport's included)
     * @param devices         simulated devices
     * @param messages        messages handed to the transport
     * @param maxLagMs        worst wall-clock delay of a tick's completion past its due time (0 at max speed);
     *                        small values mean the process keeps up with real time
     * @param connectWallS    wall seconds spent connecting the devices
     */
    public record Summary(double virtualS, double wallS, double cpuS, int devices, long messages, long maxLagMs,
            double connectWallS) {
        /** Process CPU milliseconds per 1,000 devices per virtual second. */
        public double cpuMsPerThousandDevicesPerSecond() {
            return virtualS <= 0 || devices == 0 ? 0 : cpuS * 1000 / (devices / 1000.0) / virtualS;
        }

        /** Average cores busy during the steady phase. */
        public double coresBusy() {
            return wallS <= 0 ? 0 : cpuS / wallS;
        }
    }

    /**
     * Runs to the scenario's end or until {@code stop} says so, then disconnects every device
     * gracefully.
     *
     * @param speed virtual seconds per wall second; {@code Double.POSITIVE_INFINITY} for as fast as possible
     */
    public static Summary run(Simulation sim, double speed, Progress progress, BooleanSupplier stop) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        long connectStart = System.nanoTime();
        sim.start();
        long wallStart = System.nanoTime();
        double connectWallS = (wallStart - connectStart) / 1e9;
        long cpuStart = processCpuNanos();
        long virtualStart = sim.timeMs();
        long end = sim.durationMs();
        long lastProgress = wallStart;
        long maxLag = 0;
        boolean max = Double.isInfinite(speed);
        long nextTickNanos = wallStart;
        while (sim.timeMs() < end && !stop.getAsBoolean()) {
            long target;
            if (max) {
                target = Math.min(end, sim.timeMs() + MAX_SPEED_STEP_MS);
            } else {
                nextTickNanos = wallStart + ((System.nanoTime() - wallStart) / (REAL_TICK_MS * 1_000_000) + 1)
                        * REAL_TICK_MS * 1_000_000;
                sleepUntil(nextTickNanos);
                double wallMs = (System.nanoTime() - wallStart) / 1e6;
                long wanted = virtualStart + (long) (wallMs * speed);
                target = Math.min(end, wanted);
                if (target <= sim.timeMs()) {
                    continue;
                }
            }
            sim.advanceTo(target);
            if (!max) {
                maxLag = Math.max(maxLag, (System.nanoTime() - nextTickNanos) / 1_000_000);
            }
            long now = System.nanoTime();
            if (now - lastProgress >= 1_000_000_000L) {
                lastProgress = now;
                progress.update(sim, (now - wallStart) / 1e9, false);
            }
        }
        long wallEnd = System.nanoTime();
        long cpuEnd = processCpuNanos();
        Summary s = new Summary((sim.timeMs() - virtualStart) / 1000.0, (wallEnd - wallStart) / 1e9,
                (cpuEnd - cpuStart) / 1e9, sim.devices().size(), sim.stats().messages(), Math.max(0, maxLag),
                connectWallS);
        sim.finish();
        progress.update(sim, (System.nanoTime() - wallStart) / 1e9, true);
        return s;
    }

    /** CPU time of this whole process (every thread), ns. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static void sleepUntil(long nanoTime) {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
