package org.equilibrium.storage.influx;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Health of the storage path, named {@code influxdb}. UP when InfluxDB answers and the spool is empty; still
 * UP, with a {@code warning} detail, while InfluxDB is unreachable or points wait in the spool, because every
 * accepted point is safe on disk and the service keeps working (a DOWN here would have orchestrators restart a
 * service that is doing the right thing). DOWN while the store refuses points (spool full or failing; within
 * the last minute), because then messages cannot be acknowledged.
 */
@Singleton
public final class InfluxHealthIndicator implements HealthIndicator {

    public static final String NAME = "influxdb";

    private final InfluxSampleStore store;

    public InfluxHealthIndicator(InfluxSampleStore store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result(store.health()));
    }

    static HealthResult result(InfluxSampleStore.Health h) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", h.url());
        d.put("database", h.database());
        d.put("reachable", h.reachable());
        d.put("spooling", h.spooling());
        d.put("spool_bytes", h.spoolBytes());
        d.put("spool_max_bytes", h.spoolMaxBytes());
        d.put("spool_records", h.spoolRecords());
        d.put("spool_points", h.spoolPoints());
        d.put("spool_oldest_age_ms", h.spoolOldestAgeMs());
        d.put("spool_alert", h.spoolAlert());
        d.put("queued_points", h.queuedPoints());
        d.put("written_points", h.writtenPoints());
        d.put("write_failures", h.writeFailures());
        d.put("refused_points", h.refusedPoints());
        d.put("rejected_points", h.rejectedPoints());
        if (h.lastError() != null) {
            d.put("last_error", h.lastError());
            d.put("last_error_at", Instant.ofEpochMilli(h.lastErrorAtMs()).toString());
        }
        HealthStatus status;
        if (h.refusedRecently()) {
            status = HealthStatus.DOWN;
            d.put("warning", "points were refused in the last minute: spool full or failing");
        } else {
            status = HealthStatus.UP;
            if (h.spooling()) {
                d.put("warning", "InfluxDB is behind: " + h.spoolPoints() + " points wait in the on-disk spool");
            } else if (!h.reachable()) {
                d.put("warning", "InfluxDB does not answer; new points will be spooled");
            }
        }
        return HealthResult.builder(NAME, status).details(d).build();
    }
}
