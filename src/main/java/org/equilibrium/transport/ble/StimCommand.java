package org.equilibrium.transport.ble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * A contract {@code cmd} for a stimulator as the gateway reads it. Absent numbers are NaN, absent strings null.
 *
 * @param id            command id, echoed in {@code cmd/ack}
 * @param op            {@code start}, {@code stop}, {@code set} or {@code pause}
 * @param currentUa     amplitude in µA
 * @param frequencyHz   pulse frequency
 * @param pulseWidthUs  pulse width
 * @param durationS     session timer
 * @param program       program name ({@code conventional}, {@code burst}, {@code modulated}, {@code custom})
 */
public record StimCommand(String id, String op, double currentUa, double frequencyHz, double pulseWidthUs,
        double durationS, String program) {
    static final Set<String> OPS = Set.of("start", "stop", "set", "pause");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A payload that is not a command; {@link #commandId} is the id when it could be read. */
    public static final class InvalidCommand extends IllegalArgumentException {
        private final String commandId;

        InvalidCommand(String commandId, String reason) {
            super(reason);
            this.commandId = commandId;
        }

        public String commandId() {
            return commandId;
        }
    }

    /** Parses a {@code cmd} payload; throws {@link InvalidCommand} with a reason fit for the ack. */
    public static StimCommand parse(byte[] payload) {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            throw new InvalidCommand(null, "command is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidCommand(null, "command is not a JSON object");
        }
        String id = n.path("id").isTextual() ? n.get("id").asText() : null;
        if (id == null) {
            throw new InvalidCommand(null, "command has no string id");
        }
        String op = n.path("op").isTextual() ? n.get("op").asText() : null;
        if (op == null || !OPS.contains(op)) {
            throw new InvalidCommand(id, "op must be one of start, stop, set, pause; got " + n.get("op"));
        }
        String program = null;
        if (n.has("program")) {
            if (!n.get("program").isTextual()) {
                throw new InvalidCommand(id, "program must be a string");
            }
            program = n.get("program").asText().toLowerCase(Locale.ROOT);
        }
        return new StimCommand(id, op, number(n, id, "current_ua"), number(n, id, "frequency_hz"),
                number(n, id, "pulse_width_us"), number(n, id, "duration_s"), program);
    }

    private static double number(JsonNode n, String id, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InvalidCommand(id, field + " must be a finite number");
        }
        return v.asDouble();
    }
}
