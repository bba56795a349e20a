package org.equilibrium.sim.stim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A {@code cmd} message of the wire contract as the device reads it. Absent numbers are NaN, absent
 * strings null. Fields the firmware does not know are ignored (the contract may grow).
 *
 * @param id            command id, echoed in the ack
 * @param op            {@code start}, {@code stop}, {@code set} (and the extension {@code pause})
 * @param currentUa     requested amplitude
 * @param frequencyHz   requested pulse frequency
 * @param pulseWidthUs  requested pulse width
 * @param program       requested program name
 * @param durationS     requested session timer
 */
public record StimCommand(String id, String op, double currentUa, double frequencyHz, double pulseWidthUs,
        String program, double durationS) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Builds a command in code (scenario timelines). */
    public static StimCommand of(String id, String op) {
        return new StimCommand(id, op, Double.NaN, Double.NaN, Double.NaN, null, Double.NaN);
    }

    public StimCommand withCurrentUa(double v) {
        return new StimCommand(id, op, v, frequencyHz, pulseWidthUs, program, durationS);
    }

    public StimCommand withFrequencyHz(double v) {
        return new StimCommand(id, op, currentUa, v, pulseWidthUs, program, durationS);
    }

    public StimCommand withPulseWidthUs(double v) {
        return new StimCommand(id, op, currentUa, frequencyHz, v, program, durationS);
    }

    public StimCommand withProgram(String v) {
        return new StimCommand(id, op, currentUa, frequencyHz, pulseWidthUs, v, durationS);
    }

    public StimCommand withDurationS(double v) {
        return new StimCommand(id, op, currentUa, frequencyHz, pulseWidthUs, program, v);
    }

    /**
     * Parses a {@code cmd} payload.
     *
     * @throws InvalidCommand with a reason fit for the ack, and the id when it could be read, when the
     *                        payload is not a JSON object of the right types
     */
    public static StimCommand parse(byte[] payload) {
        String[] idSeen = new String[1];
        try {
            return parse(payload, idSeen);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommand(idSeen[0], e.getMessage());
        }
    }

    /** A payload the firmware cannot read as a command. */
    public static final class InvalidCommand extends IllegalArgumentException {
        private final String commandId;

        public InvalidCommand(String commandId, String reason) {
            super(reason);
            this.commandId = commandId;
        }

        /** The command id if it was readable, else null. */
        public String commandId() {
            return commandId;
        }
    }

    private static StimCommand parse(byte[] payload, String[] idSeen) {
        String id = null;
        String op = null;
        String program = null;
        double current = Double.NaN;
        double freq = Double.NaN;
        double pw = Double.NaN;
        double duration = Double.NaN;
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("command is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> {
                        id = text(name, v, p);
                        idSeen[0] = id;
                    }
                    case "op" -> op = text(name, v, p);
                    case "program" -> program = text(name, v, p);
                    case "current_ua" -> current = number(name, v, p);
                    case "frequency_hz" -> freq = number(name, v, p);
                    case "pulse_width_us" -> pw = number(name, v, p);
                    case "duration_s" -> duration = number(name, v, p);
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("malformed command JSON");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed command JSON: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        return new StimCommand(id, op, current, freq, pw, program, duration);
    }

    private static String text(String name, JsonToken v, JsonParser p) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return p.getText();
    }

    private static double number(String name, JsonToken v, JsonParser p) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(name + " must be finite");
        }
        return d;
    }
}
