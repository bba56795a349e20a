package org.equilibrium.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.equilibrium.decode.RejectReason;

/**
 * The ingest path's Micrometer meters, created once and cached so the per-message path only increments.
 * The {@code device} tag of {@code equilibrium.ingest.rejects} is bounded: after {@code maxDeviceTags} distinct
 * devices, further ones share the value {@code other}; topics without a valid device id use {@code invalid}.
 */
public final class IngestMetrics {
    public static final String OTHER_DEVICE = "other";
    public static final String INVALID_DEVICE = "invalid";

    private final MeterRegistry registry;
    private final int maxDeviceTags;
    private final Counter[] messages = new Counter[StreamKind.values().length];
    private final Counter heartRates;
    private final Counter stims;
    private final Counter statuses;
    private final Counter batteries;
    private final Counter beats;
    private final Counter lost;
    private final Counter duplicates;
    private final Counter late;
    private final Counter epochs;
    private final Map<String, Counter> gaps = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> rejects = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry, int maxDeviceTags) {
        this.registry = registry;
        this.maxDeviceTags = maxDeviceTags;
        for (StreamKind k : StreamKind.values()) {
            messages[k.ordinal()] = Counter.builder("equilibrium.ingest.messages").tag("stream", k.tag())
                    .description("MQTT messages received, by stream").register(registry);
        }
        heartRates = reading("heart_rate");
        stims = reading("stim");
        statuses = reading("status");
        batteries = reading("battery");
        beats = Counter.builder("equilibrium.ingest.beats").description("beats reconstructed from RR intervals")
                .register(registry);
        lost = Counter.builder("equilibrium.ingest.lost").description("messages missing from seq gaps")
                .register(registry);
        duplicates = Counter.builder("equilibrium.ingest.duplicates")
                .description("messages dropped because their seq was already seen").register(registry);
        late = Counter.builder("equilibrium.ingest.late").description("messages that arrived after a later seq")
                .register(registry);
        epochs = Counter.builder("equilibrium.ingest.epochs").description("device restarts detected from seq")
                .register(registry);
    }

    private Counter reading(String type) {
        return Counter.builder("equilibrium.ingest.readings").tag("type", type)
                .description("readings decoded and accepted").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    void message(StreamKind kind) {
        messages[kind.ordinal()].increment();
    }

    void heartRate() {
        heartRates.increment();
    }

    void stim() {
        stims.increment();
    }

    void status() {
        statuses.increment();
    }

    void battery() {
        batteries.increment();
    }

    void beats(int n) {
        beats.increment(n);
    }

    void lost(long n) {
        lost.increment(n);
    }

    void duplicate() {
        duplicates.increment();
    }

    void late() {
        late.increment();
    }

    void epoch() {
        epochs.increment();
    }

    void gap(String cause) {
        gaps.computeIfAbsent(cause, c -> Counter.builder("equilibrium.ingest.gaps").tag("cause", c)
                .description("breaks in a device's beat record").register(registry)).increment();
    }

    void reject(String deviceTag, RejectReason reason) {
        String tag = deviceTag;
        Counter[] byReason = rejects.get(tag);
        if (byReason == null) {
            if (!INVALID_DEVICE.equals(tag) && rejects.size() >= maxDeviceTags) {
                tag = OTHER_DEVICE;
            }
            byReason = rejects.computeIfAbsent(tag, t -> new Counter[RejectReason.values().length]);
        }
        Counter c = byReason[reason.ordinal()];
        if (c == null) {
            // Micrometer returns the existing meter for the same id, so a race here only repeats a lookup.
            c = Counter.builder("equilibrium.ingest.rejects").tag("device", tag).tag("reason", reason.tag())
                    .description("messages refused, by device and reason").register(registry);
            byReason[reason.ordinal()] = c;
        }
        c.increment();
    }
}
