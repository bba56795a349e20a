package org.equilibrium.storage.influx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equilibrium.storage.RateLimitedLog;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.equilibrium.storage.spool.DiskSpool;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SampleStore} on InfluxDB 1.x, with a durable on-disk spool for outages.
 *
 * <p><b>Path of a sample.</b> {@link #append} maps the samples to line protocol on the caller's thread and
 * puts them on a bounded in-memory queue (one per writer lane; a device always maps to the same lane, so the
 * points of a series keep their order). Each lane's writer thread collects a batch ({@code batchSizePoints},
 * or whatever arrived within {@code flushInterval} of the batch's first entry) and writes it in one HTTP
 * request; several lanes keep InfluxDB busy on several cores.
 * When the write succeeds the stages of every append in the batch complete. When it fails or times out, the
 * batch is appended to the {@link DiskSpool} as one record and forced to disk (one fsync per batch), and only
 * then do the stages complete. While the spool holds anything, new batches go behind it, never past it.
 *
 * <p><b>Replay.</b> A second thread replays the spool in order, oldest first, with exponential back-off and
 * jitter while InfluxDB stays unreachable, and removes records only after InfluxDB accepted them. Each chunk
 * read from the spool is split by writer lane and the parts written concurrently; a series lives in one lane,
 * and the next chunk starts only when the whole previous one is stored, so every series replays in order. A spool left
 * by a previous run (a crash) is replayed the same way before anything newer. Points carry their own
 * timestamps and the same series and timestamp overwrite in InfluxDB, so writing a batch twice (a timed-out
 * write that did land, a crash between write and acknowledge) never doubles data.
 *
 * <p><b>Refusal.</b> The stage completes exceptionally with {@link StoreRefusedException} when the queue is
 * full, the spool is full or failing, or the store is closed; every refused point is counted
 * ({@code equilibrium.storage.refused}) and shown on the health endpoint. Nothing accepted is dropped silently.
 * Points that InfluxDB itself rejects as invalid (HTTP 400: field type conflict, parse error, beyond retention)
 * cannot succeed on any retry: they are counted ({@code equilibrium.storage.points.rejected}), logged and shown
 * as the last error, and the stage completes normally so the message is not redelivered for ever.
 *
 * <p><b>Threads.</b> Stages complete on the store's writer threads (or the caller's thread for an immediate
 * refusal); continuations attached with non-async methods run there and must be short (acknowledging an MQTT
 * message is).
 *
 * <p>Start-up never fails because InfluxDB is down: the database is created when InfluxDB first answers.
 */
@Context
public final class InfluxSampleStore implements SampleStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSampleStore.class);
    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");
    private static final long MAX_REPLAY_BYTES = 64L << 20;
    private static final long RECENT_REFUSAL_MS = 60_000;

    /**
     * One writer lane: its queue, the points in it, when the last entry came, and its writer thread, which an
     * appender wakes only when the lane holds a full batch (otherwise the writer wakes on its own deadlines).
     */
    private static final class Lane {
        final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        final AtomicLong points = new AtomicLong();
        volatile Thread writer;
        volatile long lastAppendNanos;

        void add(Pending p, long batchPoints) {
            lastAppendNanos = System.nanoTime();
            queue.add(p);
            long after = points.addAndGet(p.points());
            if (after >= batchPoints && after - p.points() < batchPoints) {
                wake();
            }
        }

        void wake() {
            Thread t = writer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private record Pending(String lines, int points, CompletableFuture<Void> done) {
    }

    private enum Outcome { WRITTEN, INVALID, FAILED }

    /** A point-in-time view for the health endpoint. */
    public record Health(String url, String database, boolean reachable, boolean spooling, long spoolBytes,
                         long spoolMaxBytes, long spoolRecords, long spoolPoints, long spoolOldestAgeMs,
                         boolean spoolAlert, long queuedPoints, long writtenPoints, long writeFailures,
                         long refusedPoints, long rejectedPoints, boolean refusedRecently, String lastError,
                         long lastErrorAtMs) {
    }

    private final InfluxStoreOptions options;
    private final InfluxDB influx;
    private final DiskSpool spool;
    private final InfluxLineMapper mapper = new InfluxLineMapper();
    private final RejectTimestamps rejectTimestamps = new RejectTimestamps(100_000);
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong queuedPoints = new AtomicLong();
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final Object databaseLock = new Object();
    private final Semaphore wakeReplay = new Semaphore(0);
    private final CountDownLatch stopReplay = new CountDownLatch(1);
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 30_000, System::currentTimeMillis);
    private final List<Thread> writers = new ArrayList<>();
    private final Thread replayer;
    /** Writes the other lanes' parts of a replayed chunk; null with a single lane. */
    private final java.util.concurrent.ExecutorService replayPool;

    private final MeterRegistry registry;
    private final Counter pointsWritten;
    private final Counter writeFailures;
    private final Counter pointsSpooled;
    private final Counter pointsRejected;
    private final Counter invalidSamples;
    private final Timer writeLatency;
    private final AtomicLong refusedPoints = new AtomicLong();

    private volatile boolean closed;
    private volatile boolean databaseReady;
    private volatile boolean reachable;
    private volatile String lastError;
    private volatile long lastErrorAtMs;
    private volatile long lastRefusalAtMs; // 0: never
    private boolean alertRaised;

    @Inject
    public InfluxSampleStore(InfluxConfiguration configuration, MeterRegistry registry) throws IOException {
        this(configuration.toOptions(), registry);
    }

    /**
     * Opens the spool (recovering what a previous run left) and starts the writer and replay threads.
     *
     * @throws IOException when the spool directory cannot be read or is in use by another process
     */
    public InfluxSampleStore(InfluxStoreOptions options, MeterRegistry registry) throws IOException {
        this.options = options;
        this.registry = registry;
        this.spool = DiskSpool.open(options.spoolDir(), options.spoolMaxBytes(), options.spoolSegmentBytes());
        try {
            this.influx = InfluxClients.connect(options);
        } catch (RuntimeException e) {
            spool.close();
            throw new IllegalArgumentException("cannot use InfluxDB URL " + options.url() + ": " + e.getMessage(), e);
        }
        DiskSpool.Recovery recovery = spool.recovery();
        if (recovery.records() > 0) {
            LOG.info("InfluxDB spool {} holds {} points ({} bytes) from a previous run; replaying them before new data",
                    options.spoolDir(), recovery.points(), recovery.bytes());
        }
        for (String problem : recovery.problems()) {
            LOG.warn("InfluxDB spool recovery: {}", problem);
        }
        pointsWritten = Counter.builder("equilibrium.storage.points.written")
                .description("points InfluxDB accepted (direct and replayed)").register(registry);
        writeFailures = Counter.builder("equilibrium.storage.write.failures")
                .description("failed InfluxDB write requests (each is spooled or retried)").register(registry);
        pointsSpooled = Counter.builder("equilibrium.storage.points.spooled")
                .description("points written to the on-disk spool").register(registry);
        pointsRejected = Counter.builder("equilibrium.storage.points.rejected")
                .description("points InfluxDB refused as invalid (HTTP 400)").register(registry);
        invalidSamples = Counter.builder("equilibrium.storage.samples.invalid")
                .description("samples that cannot be expressed in line protocol").register(registry);
        writeLatency = Timer.builder("equilibrium.storage.write.latency")
                .description("duration of successful InfluxDB write requests").register(registry);
        Gauge.builder("equilibrium.storage.spool.bytes", spool, DiskSpool::bytes).baseUnit("bytes")
                .description("bytes in the on-disk spool").register(registry);
        Gauge.builder("equilibrium.storage.spool.records", spool, DiskSpool::records)
                .description("batches waiting in the on-disk spool").register(registry);
        Gauge.builder("equilibrium.storage.spool.points", spool, DiskSpool::points)
                .description("points waiting in the on-disk spool").register(registry);
        TimeGauge.builder("equilibrium.storage.spool.oldest.age", this, TimeUnit.MILLISECONDS,
                InfluxSampleStore::spoolOldestAgeMs).description("age of the oldest spooled batch").register(registry);
        for (String reason : List.of("queue-full", "spool-full", "spool-error", "closed", "internal")) {
            registry.counter("equilibrium.storage.refused", "reason", reason); // visible at 0 before any refusal
        }
        Gauge.builder("equilibrium.storage.queue.points", queuedPoints, AtomicLong::get)
                .description("points waiting in memory for the writer").register(registry);

        for (int i = 0; i < options.writeConcurrency(); i++) {
            Lane lane = new Lane();
            lanes.add(lane);
            Thread writer = new Thread(() -> writeLoop(lane), "influx-writer-" + i);
            writer.setDaemon(true);
            lane.writer = writer;
            writers.add(writer);
        }
        replayPool = options.writeConcurrency() == 1 ? null
                : java.util.concurrent.Executors.newFixedThreadPool(options.writeConcurrency() - 1, r -> {
                    Thread t = new Thread(r, "influx-replay-lane");
                    t.setDaemon(true);
                    return t;
                });
        replayer = new Thread(this::replayLoop, "influx-replay");
        replayer.setDaemon(true);
        writers.forEach(Thread::start);
        replayer.start();
    }

    public InfluxStoreOptions options() {
        return options;
    }

    /**
     * Queues the samples for InfluxDB; never blocks on the database. The stage completes normally once every
     * sample is written to InfluxDB or forced to the on-disk spool; exceptionally with
     * {@link StoreRefusedException} when the store cannot take them now (queue or spool full, spool failing,
     * shut down: do not acknowledge, redelivery may succeed later); exceptionally with
     * {@link IllegalArgumentException} when a sample cannot be expressed in line protocol at all (NaN, a
     * timestamp beyond year 2262, a missing device): no redelivery can fix that, so the caller should count
     * it as a reject and acknowledge. Samples of several devices in one call are split by writer lane; the
     * stage completes when all parts are stored.
     */
    @Override
    public CompletionStage<Void> append(List<Sample> samples) {
        if (samples == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("samples must not be null"));
        }
        if (samples.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int lane = laneOf(samples.get(0));
        for (int i = 1; i < samples.size(); i++) {
            if (laneOf(samples.get(i)) != lane) {
                return splitByLane(samples);
            }
        }
        String lines;
        try {
            lines = toLines(samples);
        } catch (IllegalArgumentException | NullPointerException e) {
            IllegalArgumentException invalid = e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("cannot store a sample with a missing part: " + e.getMessage(), e);
            invalidSamples.increment(samples.size());
            rateLimited.warn("invalid-sample", "Refusing samples that cannot be stored: " + invalid.getMessage(), null);
            return CompletableFuture.failedFuture(invalid);
        }
        int n = samples.size();
        closeLock.readLock().lock();
        try {
            if (closed) {
                return refused(n, "closed", "the store is shut down");
            }
            long after = queuedPoints.addAndGet(n);
            if (after > options.queueMaxPoints() && after != n) {
                queuedPoints.addAndGet(-n);
                return refused(n, "queue-full", "the write queue holds " + (after - n) + " points (limit "
                        + options.queueMaxPoints() + ")");
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            lanes.get(lane).add(new Pending(lines, n, done), options.batchSizePoints());
            return done;
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /** Samples of several lanes (several devices) in one call: one part per lane, done when all are. */
    private CompletionStage<Void> splitByLane(List<Sample> samples) {
        List<List<Sample>> parts = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            parts.add(new ArrayList<>());
        }
        for (Sample s : samples) {
            parts.get(laneOf(s)).add(s);
        }
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (List<Sample> part : parts) {
            if (!part.isEmpty()) {
                stages.add(append(part).toCompletableFuture());
            }
        }
        CompletableFuture<Void> all = new CompletableFuture<>();
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
            if (t == null) {
                all.complete(null);
            } else {
                // Same exception as a single-lane append gives, not allOf's CompletionException wrapper.
                all.completeExceptionally(t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                        ? t.getCause() : t);
            }
        });
        return all;
    }

    private int laneOf(Sample s) {
        if (lanes.size() == 1 || s == null) {
            return 0;
        }
        org.equilibrium.device.DeviceId device;
        if (s instanceof Sample.HeartRate h) {
            device = h.device();
        } else if (s instanceof Sample.RrInterval r) {
            device = r.device();
        } else if (s instanceof Sample.Stim st) {
            device = st.device();
        } else if (s instanceof Sample.Status st) {
            device = st.device();
        } else if (s instanceof Sample.Battery b) {
            device = b.device();
        } else if (s instanceof Sample.Reject r) {
            device = r.device();
        } else {
            device = null;
        }
        // Keyed like the device tag of the line (laneOfLine), so replay splits the spool the same way.
        String key = device == null ? InfluxLineMapper.INVALID_DEVICE : device.value();
        return Math.floorMod(key.hashCode(), lanes.size());
    }

    private String toLines(List<Sample> samples) {
        StringBuilder sb = new StringBuilder(samples.size() * 72);
        for (Sample s : samples) {
            if (s == null) {
                throw new IllegalArgumentException("null sample in the list");
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            long ns;
            if (s instanceof Sample.Reject r) {
                synchronized (rejectTimestamps) {
                    ns = rejectTimestamps.next(InfluxLineMapper.rejectSeries(r), r.timestampMs());
                }
            } else {
                ns = InfluxLineMapper.timestampNs(s.timestampMs());
            }
            mapper.appendLine(sb, s, ns);
        }
        return sb.toString();
    }

    private CompletableFuture<Void> refused(long points, String reason, String why) {
        refusedPoints.addAndGet(points);
        lastRefusalAtMs = System.currentTimeMillis();
        registry.counter("equilibrium.storage.refused", "reason", reason).increment(points);
        String message = "InfluxDB store refused " + points + " points: " + why;
        rateLimited.error("refused-" + reason, message, null);
        return CompletableFuture.failedFuture(new StoreRefusedException(message));
    }

    // ---------------------------------------------------------------- writer thread

    private void writeLoop(Lane lane) {
        LinkedBlockingQueue<Pending> queue = lane.queue;
        List<Pending> batch = new ArrayList<>();
        long flushNanos = options.flushInterval().toNanos();
        long batchPoints = options.batchSizePoints();
        long idleNanos = options.flushIdle().toNanos();
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            // Let the batch fill: until it is full (the appender that fills it wakes us), the flush deadline
            // passes, or nothing arrived for flushIdle (the senders are waiting for acks, which wait for this
            // write). Taking entries one by one as they come would wake this thread, and cost its appender a
            // signal, for every single message.
            long deadline = System.nanoTime() + flushNanos;
            while (lane.points.get() < batchPoints && !closed) {
                long now = System.nanoTime();
                long idleLeft = lane.lastAppendNanos + idleNanos - now;
                long wait = Math.min(deadline - now, idleLeft);
                if (wait <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, wait);
            }
            batch.add(first);
            long points = first.points();
            while (points < batchPoints) {
                Pending next = queue.poll();
                if (next == null) {
                    break;
                }
                batch.add(next);
                points += next.points();
            }
            lane.points.addAndGet(-points);
            queuedPoints.addAndGet(-points);
            try {
                handle(batch, points);
            } catch (RuntimeException e) {
                // Never leave a caller waiting: whatever went wrong, every stage of the batch completes.
                LOG.error("InfluxDB writer failed on a batch of {} points", points, e);
                refuseAll(batch, points, "internal", "internal error: " + e);
            }
            batch.clear();
        }
    }

    private void handle(List<Pending> batch, long points) {
        String body = join(batch);
        // Order: while anything is spooled, new batches queue up behind it. A lane's next batch starts only
        // after its previous one was written or spooled, so a series never overtakes its own spooled points.
        if (spool.isEmpty()) {
            Outcome outcome = write(body, points);
            if (outcome != Outcome.FAILED) {
                completeAll(batch);
                return;
            }
        }
        spoolBatch(batch, body, points);
    }

    private void spoolBatch(List<Pending> batch, String body, long points) {
        try {
            if (!spool.tryAppend(body.getBytes(StandardCharsets.UTF_8), (int) Math.min(points, Integer.MAX_VALUE))) {
                checkAlert();
                refuseAll(batch, points, "spool-full", "the spool is full (" + spool.bytes() + " of "
                        + spool.maxBytes() + " bytes) and InfluxDB is not taking writes");
                return;
            }
            spool.sync();
        } catch (IOException | RuntimeException e) {
            recordError("spool write failed: " + e);
            refuseAll(batch, points, "spool-error", "the spool at " + options.spoolDir() + " failed: " + e);
            return;
        }
        pointsSpooled.increment(points);
        completeAll(batch);
        checkAlert();
        wakeReplay.release();
    }

    private static String join(List<Pending> batch) {
        if (batch.size() == 1) {
            return batch.get(0).lines();
        }
        int length = batch.size();
        for (Pending p : batch) {
            length += p.lines().length();
        }
        StringBuilder sb = new StringBuilder(length);
        for (Pending p : batch) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p.lines());
        }
        return sb.toString();
    }

    private static void completeAll(List<Pending> batch) {
        for (Pending p : batch) {
            p.done().complete(null);
        }
    }

    private void refuseAll(List<Pending> batch, long points, String reason, String why) {
        CompletableFuture<Void> failed = refused(points, reason, why);
        Throwable cause = failed.handle((v, t) -> t).join();
        for (Pending p : batch) {
            p.done().completeExceptionally(cause);
        }
    }

    // ---------------------------------------------------------------- InfluxDB calls (both threads)

    private Outcome write(String body, long points) {
        if (!databaseReady && !ensureDatabase()) {
            writeFailures.increment();
            return Outcome.FAILED;
        }
        long started = System.nanoTime();
        try {
            influx.write(options.database(), options.retentionPolicy(), InfluxDB.ConsistencyLevel.ONE,
                    TimeUnit.NANOSECONDS, body);
            writeLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            pointsWritten.increment(points);
            reachable = true;
            return Outcome.WRITTEN;
        } catch (InfluxDBException.DatabaseNotFoundException e) {
            databaseReady = false;
            return failed(e);
        } catch (InfluxDBException.FieldTypeConflictException | InfluxDBException.UnableToParseException
                 | InfluxDBException.PointsBeyondRetentionPolicyException e) {
            return invalid(e, points);
        } catch (InfluxDBIOException e) {
            reachable = false;
            return failed(e);
        } catch (InfluxDBException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("partial write") || m.contains("unable to parse")) {
                return invalid(e, points);
            }
            return failed(e);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private Outcome failed(RuntimeException e) {
        writeFailures.increment();
        recordError("write failed: " + e.getMessage());
        rateLimited.warn("write-failed", "InfluxDB write to " + options.url() + " failed; spooling and retrying", e);
        return Outcome.FAILED;
    }

    private Outcome invalid(InfluxDBException e, long points) {
        reachable = true;
        long dropped = points;
        Matcher m = DROPPED.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            dropped = Math.min(points, Long.parseLong(m.group(1)));
        }
        pointsRejected.increment(dropped);
        recordError("InfluxDB rejected " + dropped + " points as invalid: " + e.getMessage());
        rateLimited.error("write-invalid", "InfluxDB rejected " + dropped + " of " + points
                + " points as invalid; they cannot be stored", e);
        return Outcome.INVALID;
    }

    /**
     * Creates the database when missing (idempotent in InfluxDB 1.x). False only when InfluxDB did not answer;
     * when it answered with an error (no admin rights, say) the writes go ahead and report their own errors.
     */
    private boolean ensureDatabase() {
        synchronized (databaseLock) {
            return createDatabaseIfMissing();
        }
    }

    private boolean createDatabaseIfMissing() {
        if (databaseReady) {
            return true;
        }
        try {
            QueryResult r = influx.query(new Query("CREATE DATABASE " + InfluxClients.identifier(options.database()),
                    null, true));
            if (r.hasError()) {
                rateLimited.warn("create-db", "Could not create InfluxDB database " + options.database() + ": "
                        + r.getError(), null);
            } else {
                LOG.info("InfluxDB database {} ready at {}", options.database(), options.url());
            }
            reachable = true;
            databaseReady = true;
            return true;
        } catch (InfluxDBIOException e) {
            reachable = false;
            recordError("InfluxDB unreachable: " + e.getMessage());
            rateLimited.warn("create-db", "InfluxDB at " + options.url() + " unreachable", e);
            return false;
        } catch (RuntimeException e) {
            recordError("create database failed: " + e.getMessage());
            rateLimited.warn("create-db", "Could not create InfluxDB database " + options.database(), e);
            databaseReady = true;
            return true;
        }
    }

    private void ping() {
        try {
            influx.ping();
            reachable = true;
            ensureDatabase();
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.warn("InfluxDB at {} stopped answering: {}", options.url(), e.getMessage());
            }
            reachable = false;
            recordError("ping failed: " + e.getMessage());
        }
    }

    private void recordError(String message) {
        lastError = message;
        lastErrorAtMs = System.currentTimeMillis();
    }

    // ---------------------------------------------------------------- replay thread

    private void replayLoop() {
        long backoffMs = options.retryInitial().toMillis();
        long nextPingAtMs = 0;
        while (stopReplay.getCount() > 0) {
            if (spool.isEmpty()) {
                long now = System.currentTimeMillis();
                if (now >= nextPingAtMs) {
                    ping();
                    nextPingAtMs = now + options.pingInterval().toMillis();
                }
                try {
                    wakeReplay.tryAcquire(Math.min(1000, options.pingInterval().toMillis()), TimeUnit.MILLISECONDS);
                    wakeReplay.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            boolean progressed = false;
            try {
                Optional<DiskSpool.Batch> read = spool.read((long) options.batchSizePoints() * lanes.size(),
                        MAX_REPLAY_BYTES);
                if (read.isPresent()) {
                    DiskSpool.Batch batch = read.get();
                    Outcome outcome = replay(body(batch), batch.points());
                    if (outcome != Outcome.FAILED) {
                        spool.acknowledge(batch);
                        progressed = true;
                        checkAlert();
                        if (spool.isEmpty()) {
                            LOG.info("InfluxDB spool drained: every spooled point is stored in {}", options.url());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                recordError("spool replay failed: " + e);
                rateLimited.error("replay", "Replaying the InfluxDB spool failed", e);
            }
            if (progressed) {
                backoffMs = options.retryInitial().toMillis();
                continue;
            }
            // Equal jitter: half the back-off fixed, half random, so restarted instances do not retry in step.
            long sleep = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
            backoffMs = Math.min(backoffMs * 2, options.retryMax().toMillis());
            try {
                if (stopReplay.await(sleep, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Writes a replayed chunk, split by writer lane (the device tag of each line) and written concurrently, one
     * request per lane; a series stays within one request, so its points keep their order. The chunk counts as
     * written only when every part was; on a failure the whole chunk is retried (rewriting is idempotent).
     */
    private Outcome replay(String body, long points) {
        if (lanes.size() == 1) {
            return write(body, points);
        }
        StringBuilder[] parts = new StringBuilder[lanes.size()];
        long[] partPoints = new long[lanes.size()];
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            if (end > start) {
                int lane = laneOfLine(body, start, end);
                if (parts[lane] == null) {
                    parts[lane] = new StringBuilder(body.length() / lanes.size() + 64);
                } else {
                    parts[lane].append('\n');
                }
                parts[lane].append(body, start, end);
                partPoints[lane]++;
            }
            start = end + 1;
        }
        String inlinePart = null;
        long inlinePoints = 0;
        List<CompletableFuture<Outcome>> others = new ArrayList<>();
        for (int lane = 0; lane < parts.length; lane++) {
            if (parts[lane] == null) {
                continue;
            }
            String part = parts[lane].toString();
            long n = partPoints[lane];
            if (inlinePart == null) {
                inlinePart = part;
                inlinePoints = n;
            } else {
                others.add(CompletableFuture.supplyAsync(() -> write(part, n), replayPool));
            }
        }
        Outcome result = inlinePart == null ? Outcome.WRITTEN : write(inlinePart, inlinePoints);
        for (CompletableFuture<Outcome> f : others) {
            if (f.join() == Outcome.FAILED) {
                result = Outcome.FAILED;
            }
        }
        return result;
    }

    /** The lane of one line protocol line, from its {@code device} tag (the same rule as {@link #laneOf}). */
    private int laneOfLine(String body, int start, int end) {
        int tag = body.indexOf(",device=", start);
        if (tag < 0 || tag >= end) {
            return 0;
        }
        int from = tag + ",device=".length();
        int to = from;
        while (to < end && body.charAt(to) != ',' && body.charAt(to) != ' ') {
            to++;
        }
        return Math.floorMod(body.substring(from, to).hashCode(), lanes.size());
    }

    private static String body(DiskSpool.Batch batch) {
        if (batch.payloads().size() == 1) {
            return new String(batch.payloads().get(0), StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder();
        for (byte[] p : batch.payloads()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(new String(p, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private synchronized void checkAlert() {
        boolean above = spool.bytes() >= (long) (spool.maxBytes() * options.spoolAlertFraction());
        if (above && !alertRaised) {
            LOG.warn("InfluxDB spool {} passed {}% of its {} bytes ({} bytes, {} points waiting); appends will be "
                            + "refused when it is full", options.spoolDir(), Math.round(options.spoolAlertFraction() * 100),
                    spool.maxBytes(), spool.bytes(), spool.points());
        } else if (!above && alertRaised) {
            LOG.info("InfluxDB spool back below its alert threshold ({} bytes)", spool.bytes());
        }
        alertRaised = above;
    }

    // ---------------------------------------------------------------- state

    private double spoolOldestAgeMs() {
        long oldest = spool.oldestAppendedAtMs();
        return oldest < 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    public Health health() {
        long spoolBytes = spool.bytes();
        return new Health(options.url(), options.database(), reachable, !spool.isEmpty(), spoolBytes,
                spool.maxBytes(), spool.records(), spool.points(), (long) spoolOldestAgeMs(),
                spoolBytes >= (long) (spool.maxBytes() * options.spoolAlertFraction()), queuedPoints.get(),
                (long) pointsWritten.count(), (long) writeFailures.count(), refusedPoints.get(),
                (long) pointsRejected.count(),
                lastRefusalAtMs != 0 && System.currentTimeMillis() - lastRefusalAtMs < RECENT_REFUSAL_MS, lastError, lastErrorAtMs);
    }

    /**
     * Stops taking samples, writes (or spools) everything queued, and stops the threads. What is still spooled
     * stays on disk for the next start.
     */
    @PreDestroy
    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            closeLock.writeLock().unlock();
        }
        lanes.forEach(Lane::wake); // a writer letting a batch fill writes it now
        long deadline = System.currentTimeMillis() + options.flushInterval().toMillis()
                + 2 * options.writeTimeout().toMillis() + 5_000;
        for (Thread writer : writers) {
            joinQuietly(writer, Math.max(1, deadline - System.currentTimeMillis()));
        }
        stopReplay.countDown();
        wakeReplay.release();
        joinQuietly(replayer, options.writeTimeout().toMillis() + 5_000);
        if (replayPool != null) {
            replayPool.shutdown();
        }
        if (writers.stream().anyMatch(Thread::isAlive)) {
            LOG.error("InfluxDB writers did not finish within their timeout; {} queued points are refused",
                    queuedPoints.get());
        }
        for (Lane lane : lanes) {
            for (Pending p; (p = lane.queue.poll()) != null; ) {
                refuseAll(List.of(p), p.points(), "closed", "the store shut down before the points were stored");
            }
        }
        try {
            spool.close();
        } catch (IOException e) {
            LOG.error("Closing the InfluxDB spool failed", e);
        }
        influx.close();
    }

    private static void joinQuietly(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
