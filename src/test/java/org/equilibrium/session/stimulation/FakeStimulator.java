package org.equilibrium.session.stimulation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;

/**
 * A worst-case stimulator for the safety properties, and the {@link CommandPort} that records every published
 * command. Its firmware checks nothing: it applies any current at once (no own ramp, no own limits, no lead-off
 * stop), accepts or refuses at random, acks late or never. Whatever reaches the patient is what the service sent.
 */
final class FakeStimulator implements CommandPort {
    /** One published command, parsed back from the wire JSON. */
    record Sent(long atMs, String json, Map<String, Object> fields) {
        String op() {
            return (String) fields.get("op");
        }
    }

    private record PendingAck(long dueMs, String json) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    final List<Sent> wire = new ArrayList<>();
    private final List<PendingAck> acks = new ArrayList<>();
    private final Random random;
    private final LongClock clock;

    double acceptProbability = 0.9;
    double dropAckProbability = 0.1;
    long maxAckDelayMs = 1500;

    boolean running;
    long outputUa;
    double frequencyHz = 80;
    double pulseWidthUs = 200;
    boolean electrodeOk = true;
    boolean fault;
    long lastIncreaseMs = Long.MIN_VALUE;
    long runStartMs;
    /** Rises of the output, for the ramp check: {time, from, to}. */
    final List<long[]> rises = new ArrayList<>();

    interface LongClock {
        long now();
    }

    FakeStimulator(Random random, LongClock clock) {
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> publish(DeviceId device, String json) {
        long now = clock.now();
        Map<String, Object> f = parse(json);
        wire.add(new Sent(now, json, f));
        String op = (String) f.get("op");
        String id = (String) f.get("id");
        boolean accept = "stop".equals(op) || random.nextDouble() < acceptProbability;
        if (accept) {
            apply(op, f, now);
        }
        if (random.nextDouble() >= dropAckProbability) {
            String ack = accept ? "{\"id\":\"" + id + "\",\"ok\":true,\"applied\":{\"op\":\"" + op + "\",\"current_ua\":"
                    + outputUa + "}}" : "{\"id\":\"" + id + "\",\"ok\":false,\"error\":\"refused by fake\"}";
            acks.add(new PendingAck(now + (long) (random.nextDouble() * maxAckDelayMs), ack));
        }
        return CompletableFuture.completedFuture(null);
    }

    private void apply(String op, Map<String, Object> f, long now) {
        switch (op) {
            case "stop" -> {
                running = false;
                outputUa = 0;
                fault = false;
            }
            case "start" -> {
                settings(f);
                if (!running) {
                    runStartMs = now;
                }
                running = true;
                output(((Number) f.get("current_ua")).longValue(), now);
            }
            case "set" -> {
                settings(f);
                if (running && f.containsKey("current_ua")) {
                    output(((Number) f.get("current_ua")).longValue(), now);
                }
            }
            default -> throw new AssertionError("unknown op on the wire: " + op);
        }
    }

    private void settings(Map<String, Object> f) {
        if (f.get("frequency_hz") instanceof Number n) {
            frequencyHz = n.doubleValue();
        }
        if (f.get("pulse_width_us") instanceof Number n) {
            pulseWidthUs = n.doubleValue();
        }
    }

    private void output(long ua, long now) {
        if (ua > outputUa) {
            rises.add(new long[] {now, outputUa, ua, lastIncreaseMs});
            lastIncreaseMs = now;
        }
        outputUa = ua;
    }

    /** Acks due by {@code now}, in due order. */
    List<String> dueAcks(long now) {
        List<String> out = new ArrayList<>();
        acks.sort((a, b) -> Long.compare(a.dueMs, b.dueMs));
        while (!acks.isEmpty() && acks.get(0).dueMs <= now) {
            out.add(acks.remove(0).json);
        }
        return out;
    }

    StimReading telemetry(long now, StimReading.Modality modality) {
        StimReading.State state = fault ? StimReading.State.FAULT
                : running ? StimReading.State.RUNNING : StimReading.State.STOPPED;
        return new StimReading(now, null, modality, state, null, 1, running ? frequencyHz : null,
                running ? pulseWidthUs : null, (double) outputUa, electrodeOk, null, null, null,
                fault ? StimReading.Fault.HARDWARE : StimReading.Fault.NONE);
    }

    static Map<String, Object> parse(String json) {
        Map<String, Object> m = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("not a JSON object on the wire: " + json);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                Object v = switch (t) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    default -> throw new AssertionError("unexpected " + t + " in " + json);
                };
                if (m.put(name, v) != null) {
                    throw new AssertionError("duplicate field " + name + " in " + json);
                }
            }
            if (p.nextToken() != null) {
                throw new AssertionError("trailing content in " + json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
