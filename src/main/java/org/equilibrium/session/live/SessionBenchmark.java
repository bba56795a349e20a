package org.equilibrium.session.live;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.StartedBy;
import org.equilibrium.session.autonomic.EstimatorSettings;

/**
 * {@code ./equilibrium bench sessions [--sessions 1000] [--seconds 60]}: many concurrent sessions with live
 * estimates at the 5-s cadence, fed in real time with simulated beats in-process (a feeder thread stands in for
 * ingest, delivering each strap's beats about once a second like a strap's messages), driven by the one
 * scheduler of {@link LiveSessionEngine}. Each session first gets 200 s of beats so its estimates are past
 * warm-up. Prints CPU, heap per session and latency: from the arrival of the newest beat in an estimate's window
 * to the estimate (this includes waiting for the strap's next message, which proves the window complete), and
 * the scheduler's pass time (all sessions share one 5-s grid here, the worst case: 1,000 estimates in one pass).
 */
public final class SessionBenchmark {
    private SessionBenchmark() {
    }

    public static void main(String[] args) {
        int sessions = 1000;
        int seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "sessions" -> { }
                default -> {
                    System.err.println("usage: bench sessions [--sessions N] [--seconds S]");
                    System.exit(2);
                }
            }
        }
        try {
            run(sessions, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One strap's beats: RR around a per-person mean with respiratory sinus arrhythmia and noise. */
    private static final class Strap {
        final DeviceId id;
        final SplittableRandom random;
        final double meanRrMs;
        final long deliverOffsetMs;
        double nextEndMs;

        Strap(int i, long startMs) {
            id = new DeviceId("bench-" + i);
            random = new SplittableRandom(i);
            meanRrMs = 700 + random.nextDouble() * 300;
            deliverOffsetMs = random.nextLong(1000);
            nextEndMs = startMs;
        }

        double nextRr() {
            double t = nextEndMs / 1000.0;
            return meanRrMs + 0.06 * meanRrMs * Math.sin(2 * Math.PI * 0.25 * t) + random.nextGaussian() * 12;
        }

        /** Hands every beat that ended before {@code untilMs} to the engine. */
        int deliver(LiveSessionEngine engine, long untilMs) {
            int n = 0;
            while (true) {
                double rr = nextRr();
                if (nextEndMs + rr > untilMs) {
                    return n;
                }
                nextEndMs += rr;
                engine.onBeat(id, Math.round(nextEndMs), rr);
                n++;
            }
        }
    }

    static void run(int sessionCount, int seconds) throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        List<Long> latenciesNs = new ArrayList<>();
        AtomicLong estimates = new AtomicLong();
        AtomicLong okEstimates = new AtomicLong();
        AtomicLong measuring = new AtomicLong(0);
        LiveSessionEngine engine = new LiveSessionEngine(EngineSettings.DEFAULTS, new HrvAnalyzer(HrvConfig.DEFAULT),
                EstimatorSettings.defaults(), samples -> CompletableFuture.completedFuture(null),
                System::currentTimeMillis);
        engine.addListener(new SessionListener() {
            @Override
            public void estimate(LiveEstimate e) {
                if (measuring.get() == 1) {
                    estimates.incrementAndGet();
                    if (e.estimate().qualityOk()) {
                        okEstimates.incrementAndGet();
                    }
                    if (e.latencyNs() >= 0) {
                        synchronized (latenciesNs) {
                            latenciesNs.add(e.latencyNs());
                        }
                    }
                }
            }
        });
        long now = System.currentTimeMillis();
        long start = now - 200_000;
        List<Strap> straps = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) {
            Strap s = new Strap(i, start);
            straps.add(s);
            Session session = Session.start("bench-s-" + i, "p" + i, new StartedBy("t1", StartedBy.Role.THERAPIST),
                    Practice.of(PracticeType.FREE), Set.of(), CareContext.CLINIC, s.id, List.of(),
                    SessionPlan.defaults(), start);
            engine.open(session, i);
            s.deliver(engine, now - s.deliverOffsetMs);
        }
        long warmStart = System.nanoTime();
        engine.poll(); // feeds the history; estimates start on the current 5-s grid (the past is not re-estimated)
        double warmS = (System.nanoTime() - warmStart) / 1e9;
        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();

        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        feeder.scheduleWithFixedDelay(() -> {
            long t = System.currentTimeMillis();
            for (Strap s : straps) {
                s.deliver(engine, t - s.deliverOffsetMs);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        List<Long> pollNs = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.scheduleWithFixedDelay(() -> {
            long t0 = System.nanoTime();
            engine.poll();
            if (measuring.get() == 1) {
                synchronized (pollNs) {
                    pollNs.add(System.nanoTime() - t0);
                }
            }
        }, 0, EngineSettings.DEFAULTS.pollMs(), TimeUnit.MILLISECONDS);

        Thread.sleep(5_000); // settle
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        measuring.set(1);
        Thread.sleep(seconds * 1000L);
        measuring.set(0);
        long cpu1 = os.getProcessCpuTime();
        long wall1 = System.nanoTime();
        feeder.shutdownNow();
        scheduler.shutdownNow();

        double wallS = (wall1 - wall0) / 1e9;
        double cpuS = (cpu1 - cpu0) / 1e9;
        long[] lat;
        synchronized (latenciesNs) {
            lat = latenciesNs.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long[] polls;
        synchronized (pollNs) {
            polls = pollNs.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf(Locale.ROOT, "sessions:                 %d (one scheduler thread, poll every %d ms)%n",
                sessionCount, EngineSettings.DEFAULTS.pollMs());
        System.out.printf(Locale.ROOT, "cores available:          %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "measured:                 %.1f s wall%n", wallS);
        System.out.printf(Locale.ROOT, "estimates:                %d (%.1f/s, expected %.1f/s), quality ok %d%n",
                estimates.get(), estimates.get() / wallS, sessionCount / 5.0, okEstimates.get());
        System.out.printf(Locale.ROOT, "CPU (whole process):      %.2f core-s per s = %.1f %% of one core "
                + "(%.3f ms CPU per estimate)%n", cpuS / wallS, 100 * cpuS / wallS,
                1000 * cpuS / Math.max(1, estimates.get()));
        System.out.printf(Locale.ROOT, "heap per session:         %.1f KiB (%d sessions with 200 s of data, after GC)%n",
                (heapAfter - heapBefore) / 1024.0 / sessionCount, sessionCount);
        System.out.printf(Locale.ROOT, "set-up:                   %.2f s to feed %d sessions 200 s of beats each%n",
                warmS, sessionCount);
        System.out.printf(Locale.ROOT, "latency beat in -> estimate out: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                + "(%d estimates)%n", pct(lat, 50) / 1e6, pct(lat, 99) / 1e6, lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
                lat.length);
        System.out.printf(Locale.ROOT, "scheduler pass (all sessions): p50 %.2f ms, p99 %.2f ms%n", pct(polls, 50) / 1e6,
                pct(polls, 99) / 1e6);
        System.out.printf(Locale.ROOT, "store write failures:     %d%n", engine.storeFailures());
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
