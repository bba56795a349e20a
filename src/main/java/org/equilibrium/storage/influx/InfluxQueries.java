package org.equilibrium.storage.influx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.equilibrium.device.DeviceId;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Read side of the InfluxDB schema (src/docs/influx-schema.md): InfluxQL in, typed rows out, times in epoch
 * milliseconds. Time ranges are half-open, {@code [fromMs, toMs)}. Thread-safe.
 */
public final class InfluxQueries implements AutoCloseable {

    /** One row of a result: its series (measurement and group-by tags), time and column values. */
    public record Row(String measurement, Map<String, String> tags, long timeMs, Map<String, Object> values) {
        public Row {
            tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** A numeric column (InfluxDB's JSON carries every number as a double), or null when absent. */
        public Double number(String column) {
            Object v = values.get(column);
            return v instanceof Number n ? n.doubleValue() : null;
        }
    }

    public record RrPoint(long timestampMs, double rrMs) {
    }

    public record HeartRatePoint(long timestampMs, int bpm, Boolean contact, Long seq) {
    }

    private final InfluxDB influx;
    private final String database;
    private final boolean owned;

    /** Queries through an existing client (not closed by {@link #close()}). */
    public InfluxQueries(InfluxDB influx, String database) {
        this(influx, database, false);
    }

    private InfluxQueries(InfluxDB influx, String database, boolean owned) {
        this.influx = influx;
        this.database = database;
        this.owned = owned;
    }

    /** Its own client for the store's server and database. */
    public static InfluxQueries connect(InfluxStoreOptions options) {
        return new InfluxQueries(InfluxClients.connect(options), options.database(), true);
    }

    /**
     * Runs InfluxQL against the database; rows in the order InfluxDB returns them.
     *
     * @throws IllegalStateException with InfluxDB's message when the query fails
     */
    public List<Row> rows(String influxql) {
        QueryResult result = influx.query(new Query(influxql, database), TimeUnit.MILLISECONDS);
        if (result.hasError()) {
            throw new IllegalStateException("InfluxQL failed: " + result.getError() + " in: " + influxql);
        }
        List<Row> rows = new ArrayList<>();
        if (result.getResults() == null) {
            return rows;
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxQL failed: " + r.getError() + " in: " + influxql);
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                List<String> columns = s.getColumns();
                int timeIndex = columns.indexOf("time");
                for (List<Object> v : s.getValues()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        if (i != timeIndex && v.get(i) != null) {
                            values.put(columns.get(i), v.get(i));
                        }
                    }
                    long time = timeIndex < 0 || v.get(timeIndex) == null ? 0
                            : ((Number) v.get(timeIndex)).longValue();
                    rows.add(new Row(s.getName(), s.getTags(), time, values));
                }
            }
        }
        return rows;
    }

    /** Beats of a device in {@code [fromMs, toMs)}, oldest first. */
    public List<RrPoint> rrIntervals(DeviceId device, long fromMs, long toMs) {
        List<RrPoint> out = new ArrayList<>();
        for (Row r : rows("SELECT rr_ms FROM " + InfluxLineMapper.RR_INTERVAL + where(device, fromMs, toMs))) {
            out.add(new RrPoint(r.timeMs(), r.number("rr_ms")));
        }
        return out;
    }

    /** Heart-rate points of a device in {@code [fromMs, toMs)}, oldest first. */
    public List<HeartRatePoint> heartRate(DeviceId device, long fromMs, long toMs) {
        List<HeartRatePoint> out = new ArrayList<>();
        for (Row r : rows("SELECT bpm, contact, seq FROM " + InfluxLineMapper.HEART_RATE + where(device, fromMs, toMs))) {
            Double seq = r.number("seq");
            out.add(new HeartRatePoint(r.timeMs(), r.number("bpm").intValue(), (Boolean) r.values().get("contact"),
                    seq == null ? null : seq.longValue()));
        }
        return out;
    }

    /** Number of points with {@code field} of a device (or of all devices when null) in {@code [fromMs, toMs)}. */
    public long count(String measurement, String field, DeviceId device, long fromMs, long toMs) {
        String q = "SELECT count(" + InfluxClients.identifier(field) + ") FROM " + InfluxClients.identifier(measurement)
                + where(device, fromMs, toMs);
        List<Row> rows = rows(q);
        return rows.isEmpty() ? 0 : rows.get(0).number("count").longValue();
    }

    private static String where(DeviceId device, long fromMs, long toMs) {
        StringBuilder sb = new StringBuilder(" WHERE time >= ").append(fromMs).append("ms AND time < ").append(toMs)
                .append("ms");
        if (device != null) {
            sb.append(" AND device = ").append(InfluxClients.literal(device.value()));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (owned) {
            influx.close();
        }
    }
}
