package org.equilibrium.session.stimulation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;

/**
 * Reads a {@code cmd/ack} payload (shared/contracts/mqtt-wire.md): {@code {"id":…,"ok":…,"error":…}}, and the
 * simulator's optional {@code applied} object. Pure; bad payloads give empty, never an exception.
 */
public final class CommandAckCodec {
    /** Acks are small; anything larger is not an ack. */
    static final int MAX_BYTES = 4096;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(1024)
                    .maxNumberLength(32).build()).build();

    private CommandAckCodec() {
    }

    public static Optional<CommandAck> parse(byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > MAX_BYTES) {
            return Optional.empty();
        }
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String id = null;
            Boolean ok = null;
            String error = null;
            Long applied = null;
            String appliedJson = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "id" -> id = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "ok" -> ok = t == JsonToken.VALUE_TRUE ? Boolean.TRUE
                            : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                    case "error" -> error = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "applied" -> {
                        if (t == JsonToken.START_OBJECT) {
                            StringWriter w = new StringWriter();
                            try (var g = JSON.createGenerator(w)) {
                                g.copyCurrentStructure(p);
                            }
                            appliedJson = w.toString();
                            applied = appliedCurrent(appliedJson);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (id == null || ok == null) {
                return Optional.empty();
            }
            return Optional.of(new CommandAck(id, ok, error, applied, appliedJson));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Long appliedCurrent(String appliedJson) throws IOException {
        try (JsonParser p = JSON.createParser(appliedJson)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("current_ua") && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
                    double v = p.getDoubleValue();
                    return Double.isFinite(v) && v >= 0 ? (long) Math.floor(v) : null; // floor: the ramp reference errs low
                }
                p.skipChildren();
            }
        }
        return null;
    }
}
