package org.equilibrium.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equilibrium.decode.BatteryReading;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.Reading;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT message in, the samples to store out: topic check, limits, decode, range check, per-device
 * stream state (duplicates, loss, restarts, beat times and gaps), listener notification and reject
 * accounting. No I/O, no clock (arrival time is passed in), no threads.
 *
 * <p>Not thread-safe: each ingest worker owns one pipeline, and a device's messages always go to the same
 * worker (see {@link IngestDispatcher}), so per-device state needs no locks. The counters, metrics, reject
 * log and listeners passed in are shared and thread-safe.
 */
public final class IngestPipeline implements BeatReconstructor.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    /** Binary telemetry carries a 16-bit seq (sim-tens-telemetry-v1, offset 4). */
    private static final long GATT_SEQ_MODULUS = 65_536;

    private final IngestLimits limits;
    private final TopicParser parser;
    private final StreamDecoders decoders;
    private final ReadingValidator validator;
    private final IngestStats stats;
    private final IngestMetrics metrics;
    private final RejectLog rejectLog;
    private final DeviceObserver observer;
    private final IngestListeners listeners;
    private final Map<String, DeviceContext> devices = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    // State of the message being processed, for the BeatReconstructor.Sink callbacks.
    private DeviceContext current;
    private List<Sample> currentSamples;

    public IngestPipeline(IngestLimits limits, TopicParser parser, StreamDecoders decoders, IngestStats stats,
                          IngestMetrics metrics, RejectLog rejectLog, DeviceObserver observer,
                          IngestListeners listeners) {
        this.limits = limits;
        this.parser = parser;
        this.decoders = decoders;
        this.validator = new ReadingValidator(limits);
        this.stats = stats;
        this.metrics = metrics;
        this.rejectLog = rejectLog;
        this.observer = observer;
        this.listeners = listeners;
    }

    /**
     * @param topic       the MQTT topic
     * @param payload     the payload bytes (not modified, not retained)
     * @param arrivalMs   arrival time, epoch ms: the timestamp of formats that carry none, and of rejects
     * @param gatewayTsMs the MQTT 5 user property {@code ts} of raw GATT messages, or null
     * @return samples to store (a reject is one {@link Sample.Reject}); empty when nothing is to be stored
     *         (duplicates, informational streams)
     */
    public List<Sample> process(String topic, byte[] payload, long arrivalMs, Long gatewayTsMs) {
        ParsedTopic t = parser.parse(topic);
        metrics.message(t.kind());
        if (t.rejected()) {
            DeviceContext ctx = t.reject() == RejectReason.BAD_DEVICE_ID || t.deviceRaw() == null ? null
                    : context(t.deviceRaw());
            if (ctx != null) {
                ctx.stats.add(DeviceStats.MESSAGES, 1);
            }
            return reject(ctx, t.deviceRaw(), t.reject(), t.stream(), "topic '" + abbreviate(topic) + "'",
                    arrivalMs);
        }
        if (t.kind() == StreamKind.GATEWAY) {
            // The gateway is not a device: no device counters, no registry entry, never a reject.
            if (payload.length <= limits.maxPayloadBytes()) {
                listeners.gateway(t.deviceRaw(), t.stream(), payload, arrivalMs);
            } else {
                LOG.warn("Gateway {} sent {} bytes on '{}', limit {}: ignored", t.deviceRaw(), payload.length,
                        t.stream(), limits.maxPayloadBytes());
            }
            return List.of();
        }
        DeviceContext ctx = context(t.deviceRaw());
        ctx.stats.add(DeviceStats.MESSAGES, 1);
        ctx.stats.touched(arrivalMs);
        if (t.kind() == StreamKind.GAP) {
            return linkGap(ctx, t.stream(), payload, arrivalMs);
        }
        if (!t.kind().carriesData()) {
            // cmd is ours (we subscribe to '#'); cmd/ack goes to the stimulation audit; truth is informational.
            if (t.kind() == StreamKind.CMD_ACK && payload.length <= limits.maxPayloadBytes()) {
                listeners.commandAck(ctx.id, payload, arrivalMs);
            }
            return List.of();
        }
        if (payload.length > limits.maxPayloadBytes()) {
            return reject(ctx, null, RejectReason.OVERSIZED, t.stream(),
                    payload.length + " bytes, limit " + limits.maxPayloadBytes(), arrivalMs);
        }
        StreamState stream = ctx.streams.get(t.stream());
        if (stream == null) {
            stream = new StreamState(t.kind(), decoders.forStream(t.stream()).orElse(null), limits);
            ctx.streams.put(t.stream(), stream);
        }
        if (stream.decoder == null) {
            return reject(ctx, null, RejectReason.UNKNOWN_STREAM, t.stream(), "no decoder for this stream",
                    arrivalMs);
        }
        DecodeResult result;
        try {
            result = stream.decoder.decode(payload, gatewayTsMs != null ? gatewayTsMs : arrivalMs);
        } catch (RuntimeException e) {
            // Decoders promise not to throw; if one does, the message is still only a reject.
            LOG.error("Decoder {} threw on a message from {}", stream.decoder.name(), ctx.id, e);
            result = new DecodeResult.Rejected(t.kind() == StreamKind.GATT ? RejectReason.MALFORMED_BINARY
                    : RejectReason.NOT_JSON, "decoder failed: " + e);
        }
        if (result instanceof DecodeResult.Rejected r) {
            return reject(ctx, null, r.reason(), t.stream(), r.detail(), arrivalMs);
        }
        List<Reading> readings = ((DecodeResult.Decoded) result).readings();
        for (int i = 0; i < readings.size(); i++) {
            DecodeResult.Rejected bad = check(readings.get(i));
            if (bad != null) {
                return reject(ctx, null, bad.reason(), t.stream(), bad.detail(), arrivalMs);
            }
        }
        observer.seen(ctx.id, t.stream(), arrivalMs);
        List<Sample> samples = new ArrayList<>(readings.size() == 1 && readings.get(0) instanceof HeartRateReading h
                ? 1 + h.rrCount() : readings.size());
        current = ctx;
        currentSamples = samples;
        try {
            for (int i = 0; i < readings.size(); i++) {
                accept(ctx, stream, readings.get(i), samples);
            }
        } finally {
            current = null;
            currentSamples = null;
        }
        return samples;
    }

    /** A gateway's link gap: one gap in the device's beat record (not a reject); a malformed one is a reject. */
    private List<Sample> linkGap(DeviceContext ctx, String stream, byte[] payload, long arrivalMs) {
        if (payload.length > limits.maxPayloadBytes()) {
            return reject(ctx, null, RejectReason.OVERSIZED, stream,
                    payload.length + " bytes, limit " + limits.maxPayloadBytes(), arrivalMs);
        }
        LinkGap.Parsed p = LinkGap.parse(json, payload);
        if (p.rejected() != null) {
            return reject(ctx, null, p.rejected().reason(), stream, p.rejected().detail(), arrivalMs);
        }
        LinkGap g = p.gap();
        ctx.stats.add(DeviceStats.GAPS, 1);
        metrics.gap("ble-link"); // a fixed tag: the gateway's reason text must not create meters
        listeners.gap(ctx.id, g.fromMs(), g.toMs(), g.reason());
        return List.of();
    }

    private DecodeResult.Rejected check(Reading r) {
        if (r instanceof HeartRateReading h) {
            return validator.check(h);
        } else if (r instanceof StimReading s) {
            return validator.check(s);
        } else if (r instanceof StatusReading s) {
            return validator.checkBattery(s.batteryPct());
        } else if (r instanceof BatteryReading b) {
            return validator.checkBattery(b.batteryPct());
        }
        return null;
    }

    private void accept(DeviceContext ctx, StreamState stream, Reading reading, List<Sample> samples) {
        if (reading instanceof HeartRateReading h) {
            SequenceTracker.Verdict v = sequence(ctx, stream, h.seq(), h.timestampMs());
            if (v == SequenceTracker.Verdict.DUPLICATE) {
                return;
            }
            metrics.heartRate();
            samples.add(new Sample.HeartRate(ctx.id, h.timestampMs(), h.bpm(), h.contact(), h.seq()));
            if (v == SequenceTracker.Verdict.LATE) {
                BeatReconstructor.acceptLate(h, this);
            } else {
                String cause = v == SequenceTracker.Verdict.NEW_EPOCH ? "device-restart"
                        : stream.seq != null && stream.seq.lastLost() > 0 ? "lost-messages" : "rr-discontinuity";
                stream.beats.accept(h, cause, this);
            }
            int n = h.rrCount();
            if (n > 0) {
                ctx.stats.add(DeviceStats.BEATS, n);
                metrics.beats(n);
            }
        } else if (reading instanceof StimReading s) {
            SequenceTracker.Verdict v = sequence(ctx, stream, s.seq(), s.timestampMs());
            if (v == SequenceTracker.Verdict.DUPLICATE) {
                return;
            }
            metrics.stim();
            samples.add(new Sample.Stim(ctx.id, s));
            if (v != SequenceTracker.Verdict.LATE) {
                listeners.stim(ctx.id, s);
            }
        } else if (reading instanceof StatusReading s) {
            metrics.status();
            samples.add(new Sample.Status(ctx.id, s));
            listeners.status(ctx.id, s);
        } else if (reading instanceof BatteryReading b) {
            metrics.battery();
            samples.add(new Sample.Battery(ctx.id, b.timestampMs(), b.batteryPct()));
            listeners.battery(ctx.id, b.timestampMs(), b.batteryPct());
        }
    }

    /** Null verdict when the reading has no seq. */
    private SequenceTracker.Verdict sequence(DeviceContext ctx, StreamState stream, Long seq, long tsMs) {
        if (seq == null) {
            return null;
        }
        if (stream.seq == null) {
            boolean binary = stream.kind == StreamKind.GATT;
            stream.seq = new SequenceTracker(binary ? GATT_SEQ_MODULUS : 0, limits.maxSeqGap(), !binary,
                    limits.restartMaxSeq());
        }
        SequenceTracker.Verdict v = stream.seq.accept(seq, tsMs);
        switch (v) {
            case DUPLICATE -> {
                ctx.stats.add(DeviceStats.DUPLICATES, 1);
                metrics.duplicate();
            }
            case LATE -> {
                ctx.stats.add(DeviceStats.LATE, 1);
                ctx.stats.add(DeviceStats.LOST, -1);
                metrics.late();
            }
            case NEW_EPOCH -> {
                ctx.stats.add(DeviceStats.EPOCHS, 1);
                metrics.epoch();
            }
            case IN_ORDER -> {
                long lost = stream.seq.lastLost();
                if (lost > 0) {
                    ctx.stats.add(DeviceStats.LOST, lost);
                    metrics.lost(lost);
                }
            }
            default -> {
            }
        }
        return v;
    }

    @Override
    public void beat(long beatEndMs, double rrMs, boolean live) {
        currentSamples.add(new Sample.RrInterval(current.id, beatEndMs, rrMs));
        if (live) {
            listeners.beat(current.id, beatEndMs, rrMs);
        }
    }

    @Override
    public void gap(long fromMs, long toMs, String cause) {
        current.stats.add(DeviceStats.GAPS, 1);
        metrics.gap(cause);
        listeners.gap(current.id, fromMs, toMs, cause);
    }

    private List<Sample> reject(DeviceContext ctx, String rawDevice, RejectReason reason, String stream,
                                String detail, long arrivalMs) {
        String tag;
        if (ctx != null) {
            ctx.stats.reject(reason);
            tag = ctx.id.value();
        } else {
            stats.invalid().add(DeviceStats.MESSAGES, 1);
            stats.invalid().reject(reason);
            tag = IngestMetrics.INVALID_DEVICE;
        }
        metrics.reject(tag, reason);
        rejectLog.reject(ctx != null ? tag : "(invalid id '" + abbreviate(rawDevice) + "')", reason, stream,
                detail, arrivalMs);
        return List.of(new Sample.Reject(ctx != null ? ctx.id : null, arrivalMs, reason, abbreviate(stream)));
    }

    private DeviceContext context(String rawDevice) {
        DeviceContext ctx = devices.get(rawDevice);
        if (ctx == null) {
            ctx = new DeviceContext(new DeviceId(rawDevice), stats.device(rawDevice));
            devices.put(rawDevice, ctx);
        }
        return ctx;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static final class DeviceContext {
        final DeviceId id;
        final DeviceStats stats;
        final Map<String, StreamState> streams = new HashMap<>(8);

        DeviceContext(DeviceId id, DeviceStats stats) {
            this.id = id;
            this.stats = stats;
        }
    }

    private static final class StreamState {
        final StreamKind kind;
        final PayloadDecoder decoder;
        final BeatReconstructor beats;
        SequenceTracker seq;

        StreamState(StreamKind kind, PayloadDecoder decoder, IngestLimits limits) {
            this.kind = kind;
            this.decoder = decoder;
            this.beats = new BeatReconstructor(kind == StreamKind.GATT ? limits.arrivalGapToleranceMs()
                    : limits.gapToleranceMs());
        }
    }
}
