package org.equilibrium.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.equilibrium.transport.mqtt.Acknowledgement;
import org.equilibrium.transport.mqtt.InboundMessage;
import org.equilibrium.transport.mqtt.MqttIngressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each MQTT message through an ingest pipeline (on the MQTT callback thread, or on worker threads) and
 * acknowledges each one only after its samples are durably stored.
 *
 * <p>With {@code workerCount} 0 (the default) {@link #messageArrived} runs the pipeline on the MQTT client's
 * callback thread: the pipeline is CPU-only and never waits on storage, and handing every message to another
 * thread cost a thread wake-up per message, more than the pipeline itself. With workers, it enqueues into the
 * bounded queue of one worker, chosen by device id, so a device's messages stay in order and its stream state
 * has a single owner. Each worker (or the inline one) runs an
 * {@link IngestPipeline} and hands the samples to the {@link SampleStore} without waiting. Acks are sent
 * in arrival order per worker: a message is acknowledged when its own samples and those of every earlier
 * message of the worker are stored (so the ack of a duplicate never overtakes the store of its original).
 * A message with nothing to store (duplicate, {@code cmd}, {@code cmd/ack}, {@code truth}) is acknowledged
 * in that order too.
 *
 * <p>When the store refuses ({@link SampleStore.StoreRefusedException}) or fails, the message stays
 * unacknowledged and the same samples are offered again with backoff until taken; meanwhile unacknowledged
 * messages pile up to the MQTT receive maximum and the broker holds the rest in the session (backpressure,
 * counted as {@code equilibrium.ingest.backpressure}). If the service stops first, the broker redelivers
 * the unacknowledged messages to the next start; samples are idempotent (same series and time overwrite).
 *
 * <p>Each queue holds {@code queueCapacity} messages, which should be at least the receive maximum: QoS 1
 * messages then always fit. A QoS 1 message that does not fit (a broker ignoring the receive maximum)
 * waits for space on the callback thread, which is bounded by CPU-speed work since workers never wait
 * on storage; a QoS 0 message that does not fit is dropped and counted (QoS 0 promises nothing more).
 */
public final class IngestDispatcher implements MqttIngressListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestDispatcher.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final String ROOT = "biofeedback/v1/";

    private final Worker[] workers;
    /** Runs on the caller's thread when there are no worker threads; else null. */
    private final Worker inline;
    private final SampleStore store;
    private final ScheduledExecutorService scheduler;
    private final int prefixLength;
    private final int receiveMaximum;
    private final Duration retryMin;
    private final Duration retryMax;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter backpressure;
    private final Counter queueFull;
    private final Counter droppedQos0;
    private final Counter storeRetries;
    private final Counter errors;
    private final Timer ackLatency;
    private volatile boolean closed;

    /**
     * @param prefix         topic prefix (device id is the segment after {@code prefix + "biofeedback/v1/"})
     * @param receiveMaximum the MQTT receive maximum (for backpressure accounting)
     */
    public IngestDispatcher(int workerCount, int queueCapacity, Supplier<IngestPipeline> pipelines, SampleStore store,
                            ScheduledExecutorService scheduler, MeterRegistry registry, String prefix,
                            int receiveMaximum, Duration retryMin, Duration retryMax) {
        this.store = store;
        this.scheduler = scheduler;
        this.prefixLength = prefix.length();
        this.receiveMaximum = receiveMaximum;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.backpressure = Counter.builder("equilibrium.ingest.backpressure")
                .description("times unacknowledged messages reached the MQTT receive maximum").register(registry);
        this.queueFull = Counter.builder("equilibrium.ingest.queue.full")
                .description("QoS 1 messages that waited for queue space on the MQTT callback thread")
                .register(registry);
        this.droppedQos0 = Counter.builder("equilibrium.ingest.dropped.qos0")
                .description("QoS 0 messages dropped because the ingest queue was full").register(registry);
        this.storeRetries = Counter.builder("equilibrium.ingest.store.retries")
                .description("store attempts refused or failed and retried").register(registry);
        this.errors = Counter.builder("equilibrium.ingest.errors")
                .description("messages that hit an internal error (logged, acknowledged)").register(registry);
        this.ackLatency = Timer.builder("equilibrium.ingest.ack.latency")
                .description("arrival to MQTT acknowledgement (stored)").register(registry);
        Gauge.builder("equilibrium.ingest.inflight", inFlight, AtomicInteger::get)
                .description("messages received and not yet acknowledged").register(registry);
        if (workerCount < 0) {
            throw new IllegalArgumentException("workerCount must be 0 (inline) or more, not " + workerCount);
        }
        this.workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(i, queueCapacity, pipelines.get());
        }
        this.inline = workerCount == 0 ? new Worker(-1, 0, pipelines.get()) : null;
        Gauge.builder("equilibrium.ingest.queue.depth", this, IngestDispatcher::queueDepth)
                .description("messages waiting for an ingest worker").register(registry);
    }

    public void start() {
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    public int queueDepth() {
        int n = 0;
        for (Worker w : workers) {
            n += w.queue.size();
        }
        return n;
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void messageArrived(InboundMessage message, Acknowledgement acknowledgement) {
        Job job = new Job(message, acknowledgement);
        // counted before the hand-off, so a worker's ack can never make the count dip below the truth
        if (inFlight.incrementAndGet() == receiveMaximum) {
            backpressure.increment();
        }
        if (inline != null) {
            synchronized (inline) { // one caller in practice (Paho's callback thread); the lock keeps it safe
                inline.handle(job);
            }
            return;
        }
        Worker w = workers[shard(message.topic())];
        if (w.queue.offer(job)) {
            return;
        }
        if (message.qos() == 0) {
            inFlight.decrementAndGet();
            droppedQos0.increment();
            return;
        }
        queueFull.increment();
        try {
            w.queue.put(job);
        } catch (InterruptedException e) {
            inFlight.decrementAndGet();
            Thread.currentThread().interrupt();
        }
    }

    /** Worker index from the device segment of the topic, without allocating. */
    int shard(String topic) {
        if (workers.length == 1) {
            return 0;
        }
        int from = prefixLength + ROOT.length();
        int h = 0;
        for (int i = from; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '/') {
                break;
            }
            h = 31 * h + c;
        }
        return Math.floorMod(h, workers.length);
    }

    private CompletableFuture<Void> storeWithRetry(List<Sample> samples) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        attempt(samples, result, 0);
        return result;
    }

    private void attempt(List<Sample> samples, CompletableFuture<Void> result, int n) {
        CompletionStage<Void> stage;
        try {
            stage = store.append(samples);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((v, err) -> {
            if (err == null) {
                result.complete(null);
                return;
            }
            if (closed) {
                result.completeExceptionally(err);
                return;
            }
            storeRetries.increment();
            long delay = Math.min(retryMax.toMillis(), retryMin.toMillis() << Math.min(n, 20));
            if ((n & (n + 1)) == 0) { // log attempts 1, 2, 4, 8, ...: visible, not a flood
                LOG.warn("Store did not take {} samples (attempt {}): {}; message stays unacknowledged, retry in {} ms",
                        samples.size(), n + 1, err, delay);
            }
            scheduler.schedule(() -> attempt(samples, result, n + 1), delay, TimeUnit.MILLISECONDS);
        });
    }

    /** Stops the workers. Unacknowledged messages are redelivered by the broker to the next start. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            w.thread.interrupt();
        }
        for (Worker w : workers) {
            try {
                w.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Job(InboundMessage message, Acknowledgement ack) {
    }

    private final class Worker implements Runnable {
        final BlockingQueue<Job> queue;
        final IngestPipeline pipeline;
        final Thread thread;
        /** Completes when every message taken so far by this worker is stored: the ack order. */
        CompletableFuture<Void> tail = DONE;

        /** {@code index} -1: the inline worker, without queue or thread. */
        Worker(int index, int capacity, IngestPipeline pipeline) {
            this.queue = index < 0 ? null : new ArrayBlockingQueue<>(capacity);
            this.pipeline = pipeline;
            this.thread = index < 0 ? null : new Thread(this, "ingest-" + index);
            if (thread != null) {
                thread.setDaemon(true);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Job job;
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                handle(job);
            }
        }

        private void handle(Job job) {
            InboundMessage m = job.message();
            List<Sample> samples;
            try {
                samples = pipeline.process(m.topic(), m.payload(), m.arrivalMs(), m.gatewayTsMs());
            } catch (RuntimeException e) {
                // A bug, not bad input (bad input is a reject). Acknowledge anyway: redelivering a message that
                // always fails would hold a receive-maximum slot forever and stall the device's stream.
                errors.increment();
                LOG.error("Ingest failed on a message on {}; acknowledged and skipped", m.topic(), e);
                samples = List.of();
            }
            CompletableFuture<Void> stored = samples.isEmpty() ? DONE : storeWithRetry(samples);
            CompletableFuture<Void> prev = tail;
            if (prev.isDone() && !prev.isCompletedExceptionally() && stored.isDone()
                    && !stored.isCompletedExceptionally()) {
                tail = DONE;
                acked(job);
                return;
            }
            CompletableFuture<Void> next = prev.thenCombine(stored, (a, b) -> null);
            tail = next;
            next.thenRun(() -> acked(job));
        }

        private void acked(Job job) {
            job.ack().ack();
            inFlight.decrementAndGet();
            ackLatency.record(Math.max(0, System.currentTimeMillis() - job.message().arrivalMs()),
                    TimeUnit.MILLISECONDS);
        }
    }
}
