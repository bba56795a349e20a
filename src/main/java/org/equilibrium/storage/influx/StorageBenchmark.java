package org.equilibrium.storage.influx;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;

/**
 * {@code ./equilibrium storage-bench [--points N] [--devices D] [--batch POINTS] [--lanes N]}: throughput of the InfluxDB store against a
 * local influxd it starts (Debian's package, loopback, a temporary directory), in three phases:
 * <ol>
 *   <li>direct writes: N points as messages of one heart rate and two RR intervals, from D devices;</li>
 *   <li>InfluxDB stopped: N/4 more points, every batch spooled and fsynced to disk;</li>
 *   <li>InfluxDB restarted: the spool replayed.</li>
 * </ol>
 * Each phase prints points/s and the JVM's CPU time per point; every point is verified by counting in InfluxDB.
 */
public final class StorageBenchmark {

    private static final long T0 = 1_700_000_000_000L;
    private static final int POINTS_PER_MESSAGE = 3;
    private static final long IN_FLIGHT_POINTS = 200_000;

    private StorageBenchmark() {
    }

    public static void main(String[] args) {
        int points = 3_000_000;
        int devices = 200;
        int batch = InfluxStoreOptions.DEFAULT_BATCH_SIZE_POINTS;
        int lanes = InfluxStoreOptions.DEFAULT_WRITE_CONCURRENCY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--lanes" -> lanes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: storage-bench [--points N] [--devices D] [--batch POINTS] [--lanes N]");
                    System.exit(2);
                }
            }
        }
        int code;
        try {
            code = run(points, devices, batch, lanes);
        } catch (Exception e) {
            System.err.println("storage-bench failed: " + e);
            code = 1;
        }
        System.exit(code);
    }

    static int run(int totalPoints, int devices, int batch, int lanes) throws Exception {
        Path dir = Files.createTempDirectory("equilibrium-storage-bench");
        LocalServer influx = LocalServers.startInflux(dir.resolve("influx"));
        InfluxStoreOptions options = InfluxStoreOptions.defaults(influx.url(), "bench", dir.resolve("spool"))
                .withWriteConcurrency(lanes);
        options = options.withBatching(batch, options.flushInterval(), Math.max(batch, options.queueMaxPoints()));
        System.out.println("load average before: " + loadAverage());
        System.out.printf("storage-bench: influxd %s (pid %d), %d points from %d devices, batch %d, %d lanes, flush %s%n",
                influx.url(), influx.pid(), totalPoints, devices, options.batchSizePoints(), options.writeConcurrency(),
                options.flushInterval());
        int messages = totalPoints / POINTS_PER_MESSAGE;
        int outageMessages = messages / 4;
        boolean ok = true;
        try (InfluxSampleStore store = new InfluxSampleStore(options, new SimpleMeterRegistry());
             InfluxQueries queries = InfluxQueries.connect(options)) {
            ok &= phase("direct write", store, devices, 0, messages, influx.pid());
            long expected = (long) messages * POINTS_PER_MESSAGE;
            ok &= verify(queries, expected);

            influx.close();
            ok &= phase("InfluxDB down, spooling", store, devices, messages, outageMessages, -1);
            System.out.printf("  spool: %d points, %d bytes on disk%n", store.health().spoolPoints(),
                    store.health().spoolBytes());

            influx = LocalServers.restartInflux(influx);
            long spooled = store.health().spoolPoints();
            long influxCpu0 = processCpuNanos(influx.pid());
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            while (store.health().spooling()) {
                Thread.sleep(10);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-26s %,10d points in %6.2f s = %,9.0f points/s, JVM CPU %.2f us/point, "
                            + "influxd CPU %.2f us/point%n", "replay after restart", spooled, s, spooled / s,
                    (cpuNanos() - cpu0) / 1e3 / spooled, (processCpuNanos(influx.pid()) - influxCpu0) / 1e3 / spooled);
            ok &= verify(queries, expected + (long) outageMessages * POINTS_PER_MESSAGE);
        } finally {
            influx.close();
        }
        System.out.println("load average (1, 5, 15 min, runnable/total, last pid): " + loadAverage()
                + " on " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println(ok ? "storage-bench: every point verified" : "storage-bench: VERIFICATION FAILED");
        return ok ? 0 : 1;
    }

    private static boolean phase(String name, SampleStore store, int devices, int firstMessage, int messages,
                                 long influxPid) throws Exception {
        List<List<Sample>> batches = new ArrayList<>(messages);
        DeviceId[] ids = new DeviceId[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = new DeviceId("bench-" + d);
        }
        for (int m = firstMessage; m < firstMessage + messages; m++) {
            DeviceId id = ids[m % devices];
            long ts = T0 + (long) (m / devices) * 1000L;
            batches.add(List.of(new Sample.HeartRate(id, ts, 60 + m % 60, true, (long) (m / devices)),
                    new Sample.RrInterval(id, ts - 480, 480.0 + m % 7),
                    new Sample.RrInterval(id, ts, 520.0 + m % 11)));
        }
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        long refused = 0;
        long influxCpu0 = processCpuNanos(influxPid);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (List<Sample> b : batches) {
            while (inFlight.size() * (long) POINTS_PER_MESSAGE >= IN_FLIGHT_POINTS) {
                inFlight.poll().get(60, TimeUnit.SECONDS);
            }
            CompletableFuture<Void> f = store.append(b).toCompletableFuture();
            inFlight.add(f);
        }
        for (CompletableFuture<Void> f : inFlight) {
            try {
                f.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SampleStore.StoreRefusedException) {
                    refused++;
                } else {
                    throw e;
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long pts = (long) messages * POINTS_PER_MESSAGE;
        long influxCpu = processCpuNanos(influxPid) - influxCpu0;
        System.out.printf("%-26s %,10d points in %6.2f s = %,9.0f points/s, JVM CPU %.2f us/point, influxd CPU %s%s%n",
                name, pts, s, pts / s, (cpuNanos() - cpu0) / 1e3 / pts,
                influxCpu0 < 0 ? "n/a" : String.format("%.2f us/point", influxCpu / 1e3 / pts),
                refused == 0 ? "" : ", REFUSED " + refused + " messages");
        return refused == 0;
    }

    private static boolean verify(InfluxQueries q, long expected) {
        long hr = q.count(InfluxLineMapper.HEART_RATE, "bpm", null, 0, Long.MAX_VALUE / 1_000_000);
        long rr = q.count(InfluxLineMapper.RR_INTERVAL, "rr_ms", null, 0, Long.MAX_VALUE / 1_000_000);
        boolean ok = hr + rr == expected;
        System.out.printf("  verify: %,d heart_rate + %,d rr_interval = %,d points in InfluxDB, expected %,d: %s%n",
                hr, rr, hr + rr, expected, ok ? "ok" : "MISMATCH");
        return ok;
    }

    /** CPU time (user + system) of another process from /proc/PID/stat, in ns; -1 where /proc is missing. */
    static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
