package org.equilibrium.storage.influx;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.Sample;

/**
 * Pure mapping of {@link Sample}s to InfluxDB 1.x line protocol, one line per point, timestamps in
 * nanoseconds (write precision {@code n}). The schema is a contract for outside tools and is documented in
 * {@code src/docs/influx-schema.md}; change both together.
 *
 * <p>Escaping follows the InfluxDB 1.x line protocol reference ("Special characters"): commas, equals signs
 * and spaces in tag values are backslash-escaped; double quotes and backslashes in string field values are
 * backslash-escaped. Line protocol cannot carry a newline inside a tag or field value, so control characters
 * are replaced ({@code _} in tags, a space in strings). Values that line protocol cannot represent (NaN,
 * infinities, timestamps outside the signed 64-bit nanosecond range) are refused with an
 * {@link IllegalArgumentException} naming the field.
 *
 * <p>Stateless and thread-safe.
 */
public final class InfluxLineMapper {

    public static final String HEART_RATE = "heart_rate";
    public static final String RR_INTERVAL = "rr_interval";
    public static final String STIM = "stim";
    public static final String DEVICE_STATUS = "device_status";
    public static final String INGEST_REJECTS = "ingest_rejects";
    public static final String HRV_WINDOW = "hrv_window";
    public static final String AUTONOMIC_STATE = "autonomic_state";
    public static final String SESSION_EVENT = "session_event";
    /** The fixed set of {@code session_event} kinds (a tag: bounded). */
    public static final java.util.Set<String> SESSION_EVENT_KINDS = java.util.Set.of("start", "phase", "marker",
            "rating", "alert", "end");

    /** Tag value for rejects whose topic carried no valid device id. */
    public static final String INVALID_DEVICE = "invalid";
    /** Tag value for rejects whose stream is not one of the contract's stream shapes (keeps cardinality bounded). */
    public static final String OTHER_STREAM = "other";
    /** Tag value for rejects that carry no stream at all. */
    public static final String NO_STREAM = "none";

    /** Contract stream shapes (shared/contracts/mqtt-wire.md, "Topics"); anything else is tagged {@value #OTHER_STREAM}. */
    private static final Pattern KNOWN_STREAM = Pattern.compile(
            "hr|stim|status|cmd|cmd/ack|gatt/(?:[0-9A-Fa-f]{4}|[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?"
                    + "[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12})");

    /** Largest epoch-ms that still fits a signed 64-bit nanosecond timestamp with room for a nudge. */
    static final long MAX_TIMESTAMP_MS = Long.MAX_VALUE / 1_000_000L - 1;
    static final long MIN_TIMESTAMP_MS = Long.MIN_VALUE / 1_000_000L + 1;

    /** The line of one sample at its own millisecond ({@code timestampMs × 10⁶} ns). */
    public String line(Sample sample) {
        StringBuilder sb = new StringBuilder(96);
        appendLine(sb, sample, timestampNs(sample.timestampMs()));
        return sb.toString();
    }

    /** The sample's time in nanoseconds: {@code timestampMs × 10⁶}; refuses times line protocol cannot carry. */
    public static long timestampNs(long timestampMs) {
        if (timestampMs > MAX_TIMESTAMP_MS || timestampMs < MIN_TIMESTAMP_MS) {
            throw new IllegalArgumentException("timestamp " + timestampMs + " ms is outside the range InfluxDB can store");
        }
        return timestampMs * 1_000_000L;
    }

    /** The series key of a reject ({@code device|reason|stream} as tagged), used to make same-ms rejects unique. */
    public static String rejectSeries(Sample.Reject reject) {
        return deviceTag(reject.device()) + '|' + reject.reason().tag() + '|' + streamTag(reject.stream());
    }

    /**
     * Appends the line of {@code sample} (no trailing newline) with the given timestamp in nanoseconds.
     * On an {@link IllegalArgumentException} the builder is restored to its previous length.
     */
    public void appendLine(StringBuilder sb, Sample sample, long timestampNs) {
        int start = sb.length();
        try {
            // Java 17: no pattern switch yet; the sealed hierarchy keeps this chain complete.
            if (sample instanceof Sample.HeartRate h) {
                heartRate(sb, h);
            } else if (sample instanceof Sample.RrInterval r) {
                rrInterval(sb, r);
            } else if (sample instanceof Sample.Stim s) {
                stim(sb, s);
            } else if (sample instanceof Sample.Status s) {
                status(sb, s);
            } else if (sample instanceof Sample.Battery b) {
                battery(sb, b);
            } else if (sample instanceof Sample.Reject r) {
                reject(sb, r);
            } else if (sample instanceof Sample.HrvWindow w) {
                hrvWindow(sb, w);
            } else if (sample instanceof Sample.StateEstimate a) {
                autonomicState(sb, a);
            } else if (sample instanceof Sample.SessionEvent e) {
                sessionEvent(sb, e);
            } else {
                throw new IllegalArgumentException("no InfluxDB mapping for " + sample);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            sb.setLength(start);
            throw new IllegalArgumentException("cannot store " + sample.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        sb.append(' ').append(timestampNs);
    }

    private static void heartRate(StringBuilder sb, Sample.HeartRate h) {
        sb.append(HEART_RATE).append(",device=").append(requireDevice(h.device()).value());
        Fields f = new Fields(sb);
        f.integer("bpm", h.bpm());
        f.bool("contact", h.contact());
        f.integer("seq", h.seq());
    }

    private static void rrInterval(StringBuilder sb, Sample.RrInterval r) {
        sb.append(RR_INTERVAL).append(",device=").append(requireDevice(r.device()).value());
        new Fields(sb).decimal("rr_ms", r.rrMs());
    }

    private static void stim(StringBuilder sb, Sample.Stim s) {
        StimReading r = java.util.Objects.requireNonNull(s.reading(), "reading is null");
        sb.append(STIM).append(",device=").append(requireDevice(s.device()).value());
        Fields f = new Fields(sb);
        f.string("modality", r.modality() == null ? null : r.modality().wireName());
        f.string("state", r.state() == null ? null : r.state().wireName());
        f.string("program", r.program());
        f.integer("channel", r.channel());
        f.decimal("frequency_hz", r.frequencyHz());
        f.decimal("pulse_width_us", r.pulseWidthUs());
        f.decimal("current_ua", r.currentMicroamps());
        f.decimal("impedance_ohm", r.impedanceOhm());
        f.bool("electrode_ok", r.electrodeOk());
        f.integer("battery_pct", r.batteryPct());
        f.integer("remaining_s", r.remainingS());
        f.integer("seq", r.seq());
    }

    private static void status(StringBuilder sb, Sample.Status s) {
        StatusReading r = java.util.Objects.requireNonNull(s.reading(), "reading is null");
        sb.append(DEVICE_STATUS).append(",device=").append(requireDevice(s.device()).value());
        // The claim code is deliberately not stored: it is a pairing secret printed on the unit.
        Fields f = new Fields(sb);
        f.bool("online", r.online());
        f.string("model", r.model());
        f.string("fw", r.firmware());
        f.integer("battery_pct", r.batteryPct());
    }

    private static void battery(StringBuilder sb, Sample.Battery b) {
        sb.append(DEVICE_STATUS).append(",device=").append(requireDevice(b.device()).value());
        new Fields(sb).integer("battery_pct", b.batteryPct());
    }

    private static void reject(StringBuilder sb, Sample.Reject r) {
        java.util.Objects.requireNonNull(r.reason(), "reason is null");
        sb.append(INGEST_REJECTS).append(",device=").append(deviceTag(r.device()));
        sb.append(",reason=").append(r.reason().tag());
        sb.append(",stream=");
        appendTagValue(sb, streamTag(r.stream()));
        new Fields(sb).integer("count", 1L);
    }

    private static void hrvWindow(StringBuilder sb, Sample.HrvWindow w) {
        org.equilibrium.session.autonomic.WindowMetrics m = java.util.Objects.requireNonNull(w.metrics(), "metrics is null");
        sb.append(HRV_WINDOW).append(",patient=").append(w.patientId());
        Fields f = new Fields(sb);
        f.string("session", requireSession(w.sessionId()));
        f.finite("hr_bpm", m.meanHrBpm());
        f.finite("rmssd_ms", m.rmssdMs());
        f.finite("sdnn_ms", m.sdnnMs());
        f.finite("hf_ms2", m.hfMs2());
        f.finite("lf_hf", m.lfHf());
        f.finite("coherence", m.coherence());
        f.finite("resp_rate_bpm", m.respRateBpm());
        f.finite("pns_index", m.pnsIndex());
        f.finite("sns_index", m.snsIndex());
        f.decimal("coverage", m.coverage());
        f.decimal("artefact_fraction", m.artefactFraction());
        f.integer("beats", (long) m.beats());
        f.bool("contact", m.contactOk());
    }

    private static void autonomicState(StringBuilder sb, Sample.StateEstimate a) {
        org.equilibrium.session.autonomic.AutonomicEstimate e = java.util.Objects.requireNonNull(a.estimate(),
                "estimate is null");
        sb.append(AUTONOMIC_STATE).append(",patient=").append(a.patientId());
        Fields f = new Fields(sb);
        f.string("session", requireSession(a.sessionId()));
        f.string("phase", e.phase() == null ? null : e.phase().wireName());
        f.string("state", e.state().wireName());
        f.string("held_state", e.heldState().wireName());
        f.string("quality", e.quality().wireName());
        f.string("basis", e.basis().wireName());
        f.decimal("confidence", e.confidence());
        f.finite("score", e.balanceScore());
        f.finite("balance_z", e.balanceZ());
        f.finite("relative_z", e.relativeZ());
        f.finite("population_z", e.populationZ());
        f.string("connection", a.connection());
        org.equilibrium.session.autonomic.StimulationContext s = e.stimulation();
        f.bool("stim_on", s.on());
        if (s.on()) {
            f.string("stim_modality", s.modality() == null ? null : s.modality().wireName());
            f.decimal("stim_current_ua", s.currentMicroamps());
            f.string("stim_program", s.program());
        }
    }

    private static void sessionEvent(StringBuilder sb, Sample.SessionEvent e) {
        if (!SESSION_EVENT_KINDS.contains(e.kind())) {
            throw new IllegalArgumentException("session event kind must be one of " + SESSION_EVENT_KINDS + " but was "
                    + e.kind());
        }
        sb.append(SESSION_EVENT).append(",kind=").append(e.kind()).append(",patient=").append(e.patientId());
        Fields f = new Fields(sb);
        f.string("session", requireSession(e.sessionId()));
        f.string("text", e.text());
        f.decimal("value", e.value());
    }

    private static String requireSession(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("session id is missing");
        }
        return sessionId;
    }

    private static DeviceId requireDevice(DeviceId device) {
        if (device == null) {
            throw new IllegalArgumentException("device is null");
        }
        // DeviceId's form (A-Za-z0-9._-) needs no line-protocol escaping.
        return device;
    }

    private static String deviceTag(DeviceId device) {
        return device == null ? INVALID_DEVICE : device.value();
    }

    /** The stream as tagged: contract shapes verbatim, {@value #OTHER_STREAM} for anything else. */
    static String streamTag(String stream) {
        if (stream == null || stream.isEmpty()) {
            return NO_STREAM;
        }
        return KNOWN_STREAM.matcher(stream).matches() ? stream : OTHER_STREAM;
    }

    /** Tag keys/values: escape comma, equals sign and space; control characters cannot be carried. */
    static void appendTagValue(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '=' || c == ' ') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                sb.append('_');
            } else {
                sb.append(c);
            }
        }
    }

    /** String field values: double-quoted, escape double quote and backslash; no newlines in line protocol. */
    static void appendStringField(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /**
     * Floats: the shortest decimal that reads back as the same double ({@link Double#toString}), without
     * exponent notation so every InfluxDB parser accepts it.
     */
    static void appendFloat(StringBuilder sb, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " is " + value + ", which InfluxDB cannot store");
        }
        String s = Double.toString(value);
        if (s.indexOf('E') >= 0) {
            s = new BigDecimal(s).toPlainString();
        }
        sb.append(s);
    }

    /** Writes the field set, skipping absent (null) values; at least one field is required per point. */
    private static final class Fields {
        private final StringBuilder sb;
        private boolean first = true;

        Fields(StringBuilder sb) {
            this.sb = sb;
        }

        private void key(String key) {
            sb.append(first ? ' ' : ',').append(key).append('=');
            first = false;
        }

        void integer(String key, Number value) {
            if (value != null) {
                key(key);
                sb.append(value.longValue()).append('i');
            }
        }

        void integer(String key, long value) {
            key(key);
            sb.append(value).append('i');
        }

        void decimal(String key, Double value) {
            if (value != null) {
                decimal(key, value.doubleValue());
            }
        }

        void decimal(String key, double value) {
            key(key);
            appendFloat(sb, key, value);
        }

        /** A metric that may be NaN (not computable for that window): omitted then. */
        void finite(String key, double value) {
            if (Double.isFinite(value)) {
                decimal(key, value);
            }
        }

        void bool(String key, Boolean value) {
            if (value != null) {
                key(key);
                sb.append(value ? "true" : "false");
            }
        }

        void string(String key, String value) {
            if (value != null) {
                key(key);
                appendStringField(sb, value);
            }
        }
    }
}
