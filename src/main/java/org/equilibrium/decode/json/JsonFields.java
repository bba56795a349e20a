package org.equilibrium.decode.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.RejectReason;

/** Fields common to several contract payloads, and the decoders' shared top level. */
final class JsonFields {

    /** Largest epoch-ms timestamp whose nanoseconds fit a signed 64-bit integer (InfluxDB's time type). */
    static final long TS_MAX_MS = Long.MAX_VALUE / 1_000_000L;

    private JsonFields() {
    }

    interface ObjectParser {
        /** Parses the fields after START_OBJECT up to and including the root END_OBJECT. */
        DecodeResult parse(JsonParser p) throws IOException;
    }

    /** Opens the root object, runs {@code body}, requires end of input, and maps every failure to a reason. */
    static DecodeResult decodeObject(byte[] payload, ObjectParser body) {
        try (JsonParser p = JsonReader.openObject(payload)) {
            DecodeResult result = body.parse(p);
            JsonReader.expectEnd(p);
            return result;
        } catch (JsonReader.Reject r) {
            return r.toResult();
        } catch (StreamConstraintsException e) {
            return DecodeResult.reject(RejectReason.NOT_JSON, "exceeds parser limits: " + e.getOriginalMessage());
        } catch (IOException e) {
            return DecodeResult.reject(RejectReason.NOT_JSON, "not JSON: " + firstLine(e));
        }
    }

    /**
     * Advances to the next field of the object whose value is not {@code null} and returns its name, with the
     * parser on the value's first token ({@link JsonParser#currentToken()}); null after the object's end. A
     * field whose value is {@code null} counts as absent and is passed over.
     */
    static String nextField(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NULL) {
                return name;
            }
        }
        // Anything but the object's end cannot happen in valid JSON.
        if (t != JsonToken.END_OBJECT) {
            throw new JsonReader.Reject(RejectReason.NOT_JSON, "unexpected " + t + " in object");
        }
        return null;
    }

    static long timestamp(JsonParser p, JsonToken v) throws IOException {
        long ts = JsonReader.integer(p, v, "ts");
        if (ts < 0 || ts > TS_MAX_MS) {
            throw JsonReader.outOfRange("ts", Long.toString(ts), "0-" + TS_MAX_MS + " (epoch ms)");
        }
        return ts;
    }

    static long sequence(JsonParser p, JsonToken v) throws IOException {
        long seq = JsonReader.integer(p, v, "seq");
        if (seq < 0) {
            throw JsonReader.outOfRange("seq", Long.toString(seq), ">= 0");
        }
        return seq;
    }

    static int batteryPct(JsonParser p, JsonToken v) throws IOException {
        long pct = JsonReader.integer(p, v, "battery_pct");
        if (pct < 0 || pct > 100) {
            throw JsonReader.outOfRange("battery_pct", Long.toString(pct), "0-100");
        }
        return (int) pct;
    }

    private static String firstLine(IOException e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
