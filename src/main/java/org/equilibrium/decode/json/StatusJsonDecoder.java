package org.equilibrium.decode.json;

import static org.equilibrium.decode.json.JsonReader.seen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.StatusReading;

/**
 * The contract's {@code status} payload ({@value #NAME}; shared/contracts/mqtt-wire.md, "status"):
 * {@code {"online": true, "model": "polar-h10", "fw": "5.0.0", "battery_pct": 81, "claim_code": "K7Q2-9XWM"}}.
 * The contract's example is the only definition, so: {@code online} boolean is required (a presence message
 * without it says nothing); {@code model}, {@code fw}, {@code claim_code} are optional strings of at most
 * 128 characters; {@code battery_pct} an optional integer 0–100. The payload has no time: the reading's
 * timestamp is the arrival time.
 */
public final class StatusJsonDecoder implements PayloadDecoder {

    public static final String NAME = "json-status";

    private static final int ONLINE = 1;
    private static final int MODEL = 2;
    private static final int FW = 4;
    private static final int BATTERY = 8;
    private static final int CLAIM = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DecodeResult decode(byte[] payload, long arrivalMs) {
        return JsonFields.decodeObject(payload, p -> parse(p, arrivalMs));
    }

    private DecodeResult parse(JsonParser p, long arrivalMs) throws IOException {
        int seenMask = 0;
        Boolean online = null;
        String model = null;
        String fw = null;
        Integer battery = null;
        String claim = null;
        String name;
        while ((name = JsonFields.nextField(p)) != null) {
            JsonToken v = p.currentToken();
            switch (name) {
                case "online" -> {
                    seenMask = seen(seenMask, ONLINE, name);
                    online = JsonReader.bool(v, name);
                }
                case "model" -> {
                    seenMask = seen(seenMask, MODEL, name);
                    model = JsonReader.string(p, v, name);
                }
                case "fw" -> {
                    seenMask = seen(seenMask, FW, name);
                    fw = JsonReader.string(p, v, name);
                }
                case "battery_pct" -> {
                    seenMask = seen(seenMask, BATTERY, name);
                    battery = JsonFields.batteryPct(p, v);
                }
                case "claim_code" -> {
                    seenMask = seen(seenMask, CLAIM, name);
                    claim = JsonReader.string(p, v, name);
                }
                default -> p.skipChildren();
            }
        }
        if (online == null) {
            throw JsonReader.missing("online");
        }
        return DecodeResult.of(new StatusReading(arrivalMs, online, model, fw, battery, claim));
    }
}
