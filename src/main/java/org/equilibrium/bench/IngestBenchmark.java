package org.equilibrium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Ingest benchmark (a command, not a test): D devices × M contract {@code hr} messages published at
 * QoS 1 as fast as the broker takes them, measured twice in one run on the same Mosquitto:
 * <ol>
 *   <li>broker alone: a subscriber that only counts;</li>
 *   <li>end to end: the service (a child JVM of this jar) ingests them, and the run ends when every
 *       point is queryable in InfluxDB; then every stored value and timestamp is compared with what was
 *       published.</li>
 * </ol>
 * Reports messages/s and points/s of both, their ratio, and the service's CPU per message (from
 * /proc, utime + stime of the child, after an unmeasured warm-up of a fifth of the load) and heap. Figures are meant to be read as ratios of one run.
 */
public final class IngestBenchmark {

    private static final String TOPIC_FORMAT = "biofeedback/v1/%s/hr";
    private static final long START_TS = 1_763_740_800_000L;
    /** Issue 2's targets: end to end within 5 % of the broker alone, at most 8 us of service CPU per message. */
    private static final double TARGET_RATIO = 0.95;
    private static final double TARGET_CPU_US = 8.0;

    private final int devices;
    private final int messagesPerDevice;
    private final int publishers;
    private final int warmupPerDevice;
    private final Path jar;
    private final List<String> serviceJvmOptions;

    private IngestBenchmark(int devices, int messagesPerDevice, int publishers, int warmupPerDevice, Path jar,
                            List<String> serviceJvmOptions) {
        this.devices = devices;
        this.messagesPerDevice = messagesPerDevice;
        this.publishers = publishers;
        this.warmupPerDevice = warmupPerDevice;
        this.jar = jar;
        this.serviceJvmOptions = serviceJvmOptions;
    }

    public static void main(String[] args) throws Exception {
        int devices = 200;
        int messages = 500;
        int publishers = 4;
        int warmup = -1;
        List<String> serviceJvmOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--publishers" -> publishers = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--service-jvm-option" -> serviceJvmOptions.add(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: ./equilibrium bench ingest [--devices D (200)] [--messages M per device"
                            + " (500)] [--publishers P (4)] [--warmup W messages per device before each measurement (M/2)]"
                            + " [--service-jvm-option OPT]... (e.g. a profiler for the service)");
                    return;
                }
                default -> {
                    System.err.println("bench ingest: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Path jar = Path.of(IngestBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            System.err.println("bench ingest: run it from the jar (./equilibrium bench ingest); found " + jar);
            System.exit(2);
        }
        if (!new IngestBenchmark(devices, messages, publishers, warmup >= 0 ? warmup : Math.max(1, messages / 2), jar,
                List.copyOf(serviceJvmOptions)).run()) {
            System.exit(1);
        }
    }

    /** Runs both phases in a temporary folder (removed afterwards); false when verification failed. */
    private boolean run() throws Exception {
        Path dir = Files.createTempDirectory("equilibrium-bench-ingest");
        try {
            return run(dir);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private boolean run(Path dir) throws Exception {
        long total = (long) devices * messagesPerDevice;
        System.out.printf(Locale.ROOT, "ingest benchmark: %d devices x %d hr messages = %d messages (QoS 1), "
                + "%d publisher connections%n", devices, messagesPerDevice, total, publishers);
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mosquitto"));
             LocalServer influx = LocalServers.startInflux(dir.resolve("influxdb"))) {
            // 1. Broker alone.
            // Warm-up of the publishers' JIT, unmeasured, as in the other phases.
            brokerAlone(broker.url(), warmupPerDevice, "bench-counter-warmup");
            long[] cpu0 = {cpuNanos(broker.pid()), cpuNanos(ProcessHandle.current().pid())};
            double brokerRate = brokerAlone(broker.url(), messagesPerDevice, "bench-counter");
            System.out.printf(Locale.ROOT, "broker alone:  %,.0f messages/s (subscriber counting only)%n", brokerRate);
            System.out.printf(Locale.ROOT, "               CPU per message: mosquitto %.2f us, publishers+counter %.2f us%n",
                    (cpuNanos(broker.pid()) - cpu0[0]) / 1e3 / total,
                    (cpuNanos(ProcessHandle.current().pid()) - cpu0[1]) / 1e3 / total);

            // 2. The service's MQTT client alone, acknowledging at once.
            mqttClientAlone(broker.url(), total, brokerRate);

            // 3. End to end through the service.
            int httpPort = LocalServers.freePort();
            Process service = startService(broker.url(), influx.url(), dir.resolve("service"), httpPort);
            try {
                awaitMqttUp(httpPort, service);
                ServiceMetrics metrics = new ServiceMetrics(httpPort);
                InfluxDB db = InfluxDBFactory.connect(influx.url());
                // Warm-up (JIT, connection pools): earlier timestamps and seqs, not measured.
                publishAll(broker.url(), 0L, warmupPerDevice, 0);
                long warmupPoints = 2L * devices * warmupPerDevice;
                if (awaitStored(db, warmupPoints, Duration.ofMinutes(5)) < warmupPoints) {
                    throw new IllegalStateException("warm-up points did not all arrive");
                }
                long cpuBefore = cpuNanos(service.pid());
                Map<String, Long> threadsBefore = cpuByThread(service.pid());
                long[] others = {cpuNanos(broker.pid()), cpuNanos(influx.pid()),
                        cpuNanos(ProcessHandle.current().pid())};
                long t0 = System.nanoTime();
                publishAll(broker.url(), 1_000_000_000L, messagesPerDevice, warmupPerDevice);
                long expectedPoints = 2 * total;
                // Done when InfluxDB has acknowledged every point (its write returns once they are queryable):
                // the service's own counter is polled, because counting a growing measurement in InfluxDB ten
                // times a second would load InfluxDB itself during the measurement. Then InfluxDB is asked.
                long doneNs = awaitWrittenByService(metrics, expectedPoints + warmupPoints, Duration.ofMinutes(10));
                long stored = storedPoints(db) - warmupPoints;
                if (doneNs < 0 || stored < expectedPoints) { // not all queryable yet: InfluxDB decides the time
                    stored = awaitStored(db, expectedPoints + warmupPoints, Duration.ofMinutes(10)) - warmupPoints;
                    doneNs = System.nanoTime();
                }
                long elapsedNs = doneNs - t0;
                long cpuNs = cpuNanos(service.pid()) - cpuBefore;
                Map<String, Long> threadsAfter = cpuByThread(service.pid());
                double brokerUs = (cpuNanos(broker.pid()) - others[0]) / 1e3 / total;
                double influxUs = (cpuNanos(influx.pid()) - others[1]) / 1e3 / total;
                double selfUs = (cpuNanos(ProcessHandle.current().pid()) - others[2]) / 1e3 / total;
                double serviceRate = total / (elapsedNs / 1e9);
                long heapBytes = (long) metrics.value("jvm.memory.used?tag=area:heap");
                long mismatches = verify(db);
                System.out.printf(Locale.ROOT, "end to end:    %,.0f messages/s, %,.0f points/s (publish -> queryable "
                        + "in InfluxDB), %d of %d points stored%n", serviceRate, stored / (elapsedNs / 1e9), stored,
                        expectedPoints);
                double ratio = serviceRate / brokerRate;
                double cpuPerMessageUs = cpuNs / 1e3 / total;
                System.out.printf(Locale.ROOT, "ratio:         %.3f of the broker-alone rate (target >= %.2f: %s)%n",
                        ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "missed");
                System.out.printf(Locale.ROOT, "service CPU:   %.2f us per message (%.1f s CPU in %.1f s; target <= %.0f us:"
                        + " %s)%n", cpuPerMessageUs, cpuNs / 1e9, elapsedNs / 1e9, TARGET_CPU_US,
                        cpuPerMessageUs <= TARGET_CPU_US ? "met" : "missed");
                System.out.printf(Locale.ROOT, "  by thread:   %s%n", byThread(threadsBefore, threadsAfter, total));
                System.out.printf(Locale.ROOT, "others' CPU:   mosquitto %.2f us, influxd %.2f us, publishers+queries "
                        + "%.2f us per message%n", brokerUs, influxUs, selfUs);
                System.out.printf(Locale.ROOT, "service heap:  %s used after the run%n",
                        heapBytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MiB", heapBytes / 1048576.0));
                System.out.printf(Locale.ROOT, "verification:  %s%n", mismatches == 0
                        ? "every stored bpm, rr_ms and timestamp equals what was published"
                        : mismatches + " points differ from what was published");
                db.close();
                return mismatches == 0 && stored == expectedPoints;
            } finally {
                service.destroy();
                if (!service.waitFor(15, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    /**
     * The service's MQTT connection alone ({@link MqttAckOnly} in a child JVM, as the service runs): what the
     * MQTT client costs before any decoding or storage.
     */
    private void mqttClientAlone(String url, long total, double brokerRate) throws Exception {
        long warmup = (long) devices * warmupPerDevice;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceJvmOptions);
        command.addAll(List.of("-cp", jar.toString(), MqttAckOnly.class.getName(), url, Long.toString(warmup),
                Long.toString(warmup + total)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            awaitLine(out, "ready", child);
            publishAll(url, 0L, warmupPerDevice, 0);
            awaitLine(out, "count " + warmup, child);
            long cpu0 = cpuNanos(child.pid());
            Map<String, Long> threads0 = cpuByThread(child.pid());
            long t0 = System.nanoTime();
            publishAll(url, 1_000_000_000L, messagesPerDevice, warmupPerDevice);
            awaitLine(out, "count " + (warmup + total), child);
            long elapsed = System.nanoTime() - t0;
            long cpu = cpuNanos(child.pid()) - cpu0;
            Map<String, Long> threads1 = cpuByThread(child.pid());
            child.getOutputStream().close();
            double rate = total / (elapsed / 1e9);
            System.out.printf(Locale.ROOT, "MQTT client:   %,.0f messages/s = %.3f of the broker-alone rate (the service's"
                    + " Paho connection acknowledging at once, no ingest)%n", rate, rate / brokerRate);
            System.out.printf(Locale.ROOT, "               CPU %.2f us per message; by thread: %s%n", cpu / 1e3 / total,
                    byThread(threads0, threads1, total));
        } finally {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static void awaitLine(java.io.BufferedReader out, String expected, Process child)
            throws IOException, InterruptedException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals(expected)) {
                return;
            }
            if (line.startsWith("failed")) {
                throw new IllegalStateException("MQTT client reference: " + line);
            }
        }
        throw new IllegalStateException("MQTT client reference exited (" + child.waitFor() + ") before '" + expected
                + "'");
    }

    /** Publishes everything and returns the rate at which a subscriber that only counts receives it. */
    private double brokerAlone(String url, int perDevice, String clientId) throws Exception {
        long total = (long) devices * perDevice;
        try (LeanMqttClient sub = LeanMqttClient.connect(url, clientId)) {
            sub.subscribe("biofeedback/v1/+/hr");
            CompletableFuture<Long> last = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return sub.countUntil(total, Duration.ofMinutes(2));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, r -> {
                        Thread t = new Thread(r, "bench-counter");
                        t.setDaemon(true);
                        t.start();
                    });
            long t0 = System.nanoTime();
            publishAll(url, 0L, perDevice, 0);
            long elapsed = last.get(10, TimeUnit.MINUTES) - t0;
            return total / (elapsed / 1e9);
        }
    }

    private void publishAll(String url, long tsOffset, int perDevice, int seqBase) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int lane = p;
            Thread t = new Thread(() -> {
                try {
                    publishLane(url, lane, tsOffset, perDevice, seqBase);
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "bench-publisher-" + p);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    private void publishLane(String url, int lane, long tsOffset, int perDevice, int seqBase) throws Exception {
        List<byte[]> topics = new ArrayList<>();
        for (int d = lane; d < devices; d += publishers) {
            topics.add(String.format(Locale.ROOT, TOPIC_FORMAT, deviceId(d)).getBytes(StandardCharsets.UTF_8));
        }
        try (LeanMqttClient pub = LeanMqttClient.connect(url, "bench-pub-" + lane + "-" + tsOffset)) {
            LeanMqttClient.Publisher publisher = pub.publisher(1000);
            for (int m = 0; m < perDevice; m++) {
                int k = 0;
                for (int d = lane; d < devices; d += publishers) {
                    publisher.publish(topics.get(k++), payload(d, m, tsOffset, seqBase));
                }
            }
            publisher.drain();
        }
    }

    static String deviceId(int d) {
        return "bench-" + d;
    }

    /** Message m of device d: 1 Hz, one RR interval per message, deterministic values. */
    static byte[] payload(int d, int m, long tsOffset, int seqBase) {
        long ts = START_TS + tsOffset + m * 1000L;
        return ("{\"ts\":" + ts + ",\"seq\":" + (seqBase + m) + ",\"bpm\":" + bpm(d, m) + ",\"rr_ms\":[" + rr(d, m)
                + "],\"contact\":true}").getBytes(StandardCharsets.UTF_8);
    }

    static int bpm(int d, int m) {
        return 55 + (d * 7 + m) % 40;
    }

    static String rr(int d, int m) {
        return (600 + (d * 13 + m * 7) % 600) + "." + (m % 10);
    }

    private Process startService(String mqttUrl, String influxUrl, Path dataDir, int httpPort) throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceJvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("EQUILIBRIUM_MQTT_URL", mqttUrl);
        env.put("EQUILIBRIUM_MQTT_CLIENT_ID", "equilibrium-bench");
        env.put("EQUILIBRIUM_INFLUX_URL", influxUrl);
        env.put("EQUILIBRIUM_INFLUX_DB", "bench");
        env.put("EQUILIBRIUM_DATA_DIR", dataDir.toString());
        env.put("EQUILIBRIUM_HTTP_PORT", Integer.toString(httpPort));
        env.put("EQUILIBRIUM_ADMIN_PASSWORD", "bench-admin-password");
        pb.redirectErrorStream(true).redirectOutput(dataDir.resolve("service.log").toFile());
        return pb.start();
    }

    private static void awaitMqttUp(int httpPort, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready within 120 s");
    }

    /** System.nanoTime() when the service's points-written counter reached {@code expected}, or -1. */
    private static long awaitWrittenByService(ServiceMetrics metrics, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            double written = metrics.value("equilibrium.storage.points.written");
            if (written >= expected) {
                return System.nanoTime();
            }
            if (written < 0) {
                return -1; // cannot read it: InfluxDB is polled instead
            }
            Thread.sleep(20);
        }
        return -1;
    }

    private static long awaitStored(InfluxDB db, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stored = 0;
        while (System.nanoTime() < deadline) {
            stored = storedPoints(db);
            if (stored >= expected) {
                return stored;
            }
            Thread.sleep(100);
        }
        return stored;
    }

    private static long storedPoints(InfluxDB db) {
        return count(db, "heart_rate", "bpm") + count(db, "rr_interval", "rr_ms");
    }

    private static long count(InfluxDB db, String measurement, String field) {
        QueryResult r = db.query(new Query("SELECT count(\"" + field + "\") FROM \"" + measurement + "\"", "bench"));
        if (r.getResults() == null || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null) {
            return 0;
        }
        Object v = r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1);
        return ((Number) v).longValue();
    }

    /** Compares every stored point with the generator; returns how many differ or are missing. */
    private long verify(InfluxDB db) {
        long bad = 0;
        for (int d = 0; d < devices; d++) {
            String measured = " AND time >= " + (START_TS + 1_000_000_000L) + "ms AND time < "
                    + (START_TS + 2_000_000_000L) + "ms";
            Map<Long, Object> bpm = series(db, "SELECT \"bpm\" FROM \"heart_rate\" WHERE \"device\" = '"
                    + deviceId(d) + "'" + measured);
            Map<Long, Object> rr = series(db, "SELECT \"rr_ms\" FROM \"rr_interval\" WHERE \"device\" = '"
                    + deviceId(d) + "'" + measured);
            for (int m = 0; m < messagesPerDevice; m++) {
                long ts = START_TS + 1_000_000_000L + m * 1000L;
                Object b = bpm.get(ts);
                if (!(b instanceof Number n) || n.intValue() != bpm(d, m)) {
                    bad++;
                }
                Object r = rr.get(ts);
                if (!(r instanceof Number n2) || Math.abs(n2.doubleValue() - Double.parseDouble(rr(d, m))) > 1e-9) {
                    bad++;
                }
            }
            if (bpm.size() != messagesPerDevice || rr.size() != messagesPerDevice) {
                bad += Math.abs(bpm.size() - messagesPerDevice) + Math.abs(rr.size() - messagesPerDevice);
            }
        }
        return bad;
    }

    private static Map<Long, Object> series(InfluxDB db, String q) {
        QueryResult r = db.query(new Query(q, "bench"), TimeUnit.MILLISECONDS);
        Map<Long, Object> out = new HashMap<>();
        if (r.getResults() == null || r.getResults().get(0).getSeries() == null) {
            return out;
        }
        for (List<Object> row : r.getResults().get(0).getSeries().get(0).getValues()) {
            out.put(((Number) row.get(0)).longValue(), row.get(1));
        }
        return out;
    }

    /**
     * utime + stime per thread group of a process from /proc/PID/task (Linux), in ns; threads are grouped by
     * name with digits removed ("influx-writer-0" and "-1" together). Threads that ended are not counted.
     */
    static Map<String, Long> cpuByThread(long pid) {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    out.merge(name, statCpuNanos(task.resolve("stat")), Long::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** The largest per-thread-group CPU deltas, in us per message. */
    private static String byThread(Map<String, Long> before, Map<String, Long> after, long messages) {
        List<Map.Entry<String, Long>> deltas = new ArrayList<>();
        after.forEach((name, ns) -> deltas.add(Map.entry(name, ns - before.getOrDefault(name, 0L))));
        deltas.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : deltas.subList(0, Math.min(8, deltas.size()))) {
            if (e.getValue() <= 0) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", e.getValue() / 1e3 / messages));
        }
        return sb.toString();
    }

    /** utime + stime of a process from /proc (Linux), in ns. */
    static long cpuNanos(long pid) throws IOException {
        return statCpuNanos(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** utime + stime of a /proc/.../stat file (a process or one of its threads), in ns. */
    private static long statCpuNanos(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000_000L; // USER_HZ = 100 on Linux
    }

    /** The service's own metrics over its API, signed in as the benchmark's administrator. */
    private static final class ServiceMetrics {
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;
        private String token;

        ServiceMetrics(int port) {
            this.port = port;
        }

        /** The first measurement's value of {@code /metrics/NAME}, or -1 when it cannot be read. */
        double value(String nameAndTags) {
            try {
                if (token == null) {
                    HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"admin\",\"password\":\"bench-admin-password\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    token = jsonString(login.body(), "access_token");
                }
                HttpResponse<String> m = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics/" + nameAndTags))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                String body = m.body();
                int i = body.indexOf("\"value\":");
                if (m.statusCode() != 200 || i < 0) {
                    return -1;
                }
                int j = i + 8;
                int k = j;
                while (k < body.length() && "0123456789.E+-".indexOf(body.charAt(k)) >= 0) {
                    k++;
                }
                return Double.parseDouble(body.substring(j, k));
            } catch (IOException | RuntimeException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private static String jsonString(String json, String key) {
        int i = json.indexOf("\"" + key + "\"");
        int s = json.indexOf('"', json.indexOf(':', i) + 1);
        return json.substring(s + 1, json.indexOf('"', s + 1));
    }
}
