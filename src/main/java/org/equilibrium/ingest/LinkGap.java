package org.equilibrium.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.RejectReason;

/**
 * A gateway's {@code {deviceId}/gap} message (src/docs/ble.md): the device's stream was broken from
 * {@code fromMs} (last arrival before the loss) to {@code toMs} (stream re-subscribed).
 *
 * @param reason the gateway's reason, e.g. {@code link-lost}
 */
public record LinkGap(long fromMs, long toMs, String reason) {
    private static final int MAX_REASON_CHARS = 64;

    /** Parses a gap payload; {@code mapper} is only read from. Returns the gap or why it is rejected. */
    static Parsed parse(ObjectMapper mapper, byte[] payload) {
        JsonNode n;
        try {
            n = mapper.readTree(payload);
        } catch (IOException e) {
            return new Parsed(null, new DecodeResult.Rejected(RejectReason.NOT_JSON, "gap is not JSON"));
        }
        if (n == null || !n.isObject()) {
            return new Parsed(null, new DecodeResult.Rejected(RejectReason.NOT_JSON, "gap is not a JSON object"));
        }
        JsonNode from = n.get("from_ms");
        JsonNode to = n.get("to_ms");
        if (from == null || to == null) {
            return new Parsed(null, new DecodeResult.Rejected(RejectReason.MISSING_FIELD,
                    from == null ? "from_ms" : "to_ms"));
        }
        if (!from.isIntegralNumber() || !to.isIntegralNumber() || !from.canConvertToLong() || !to.canConvertToLong()) {
            return new Parsed(null, new DecodeResult.Rejected(RejectReason.WRONG_TYPE,
                    "from_ms and to_ms must be integers (epoch ms)"));
        }
        long fromMs = from.longValue();
        long toMs = to.longValue();
        if (fromMs <= 0 || toMs < fromMs) {
            return new Parsed(null, new DecodeResult.Rejected(RejectReason.OUT_OF_RANGE,
                    "need 0 < from_ms <= to_ms, got " + fromMs + ".." + toMs));
        }
        JsonNode r = n.get("reason");
        String reason = r != null && r.isTextual() && !r.textValue().isBlank()
                && r.textValue().length() <= MAX_REASON_CHARS ? r.textValue() : "link-lost";
        return new Parsed(new LinkGap(fromMs, toMs, reason), null);
    }

    /** Exactly one of the two is set. */
    record Parsed(LinkGap gap, DecodeResult.Rejected rejected) {
    }
}
