package org.equilibrium.decode.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.RejectReason;

/**
 * Strict, allocation-light reading of the contract's JSON payloads with Jackson's streaming parser.
 * Rules shared by every JSON decoder (documented in device-profiles/README.md too):
 * <ul>
 *   <li>The payload must be UTF-8 (checked up front: Jackson would otherwise auto-detect UTF-16/32) and one
 *       JSON object, nothing after it. NaN/Infinity are not JSON. A field given twice is refused as
 *       ambiguous ({@code NOT_JSON}).</li>
 *   <li>An "integer" field takes an integer literal only: {@code 61.0}, {@code 6.1e1}, {@code 1e3} and
 *       {@code "61"} are {@code WRONG_TYPE}; integers beyond 64 bits are {@code OUT_OF_RANGE}.</li>
 *   <li>A "number" field takes integer or decimal literals; a value that overflows a double is
 *       {@code OUT_OF_RANGE}.</li>
 *   <li>{@code null} means absent: {@code MISSING_FIELD} for a required field, ignored for an optional one.</li>
 *   <li>Unknown fields are skipped (forward compatibility), nested up to {@value #MAX_DEPTH} levels.</li>
 * </ul>
 * Rejections travel as {@link Reject}, a stackless exception caught by each decoder's top level.
 */
final class JsonReader {

    static final int MAX_DEPTH = 16;
    /** Longer strings (model names, programs, claim codes) are refused: they end up as tags or fields. */
    static final int MAX_STRING_CHARS = 128;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(64)
                    .build())
            .build();

    private JsonReader() {
    }

    /** A refusal with its reason; no stack trace, it is control flow. */
    static final class Reject extends RuntimeException {
        final RejectReason reason;

        Reject(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        DecodeResult.Rejected toResult() {
            return new DecodeResult.Rejected(reason, getMessage());
        }
    }

    /** Opens a parser on a UTF-8 payload positioned on the root object's START_OBJECT. */
    static JsonParser openObject(byte[] payload) throws IOException {
        if (payload == null || payload.length == 0) {
            throw new Reject(RejectReason.NOT_JSON, "empty payload");
        }
        checkUtf8(payload);
        JsonParser p = FACTORY.createParser(payload);
        try {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new Reject(RejectReason.NOT_JSON, "no JSON value in payload");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new Reject(RejectReason.WRONG_TYPE, "payload must be a JSON object, was " + describe(first));
            }
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** After the root END_OBJECT: nothing else may follow. */
    static void expectEnd(JsonParser p) throws IOException {
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new Reject(RejectReason.NOT_JSON, "content after the JSON object");
        }
    }

    /** Records that field {@code bit} was seen; a second occurrence is refused. */
    static int seen(int seenMask, int bit, String field) {
        if ((seenMask & bit) != 0) {
            throw new Reject(RejectReason.NOT_JSON, "field '" + field + "' appears twice");
        }
        return seenMask | bit;
    }

    static long integer(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(field, "an integer", t);
        }
        JsonParser.NumberType nt = p.getNumberType();
        if (nt == JsonParser.NumberType.BIG_INTEGER) {
            throw new Reject(RejectReason.OUT_OF_RANGE, field + " " + p.getText() + " does not fit 64 bits");
        }
        return p.getLongValue();
    }

    static double number(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(field, "a number", t);
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new Reject(RejectReason.OUT_OF_RANGE, field + " " + p.getText() + " overflows a double");
        }
        return v;
    }

    static boolean bool(JsonToken t, String field) {
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw wrongType(field, "a boolean", t);
    }

    static String string(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a string", t);
        }
        if (p.getTextLength() > MAX_STRING_CHARS) {
            throw new Reject(RejectReason.OUT_OF_RANGE, field + " longer than " + MAX_STRING_CHARS + " characters");
        }
        return p.getText();
    }

    static Reject wrongType(String field, String expected, JsonToken actual) {
        return new Reject(RejectReason.WRONG_TYPE, field + " must be " + expected + ", was " + describe(actual));
    }

    static Reject missing(String field) {
        return new Reject(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
    }

    static Reject outOfRange(String field, String value, String range) {
        return new Reject(RejectReason.OUT_OF_RANGE, field + " " + value + " outside " + range);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    /**
     * Strict UTF-8 check (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) and no NUL byte
     * (which JSON never needs raw, and which would let Jackson take the payload for UTF-16). Pure ASCII, the
     * common case, costs one pass of compares.
     */
    static void checkUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                throw new Reject(RejectReason.NOT_JSON, "NUL byte at offset " + i);
            }
            int lead = c & 0xFF;
            int len;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                throw notUtf8(i);
            }
            if (i + len > n) {
                throw notUtf8(i);
            }
            int cp = lead & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                int cont = b[i + k] & 0xFF;
                if ((cont & 0xC0) != 0x80) {
                    throw notUtf8(i);
                }
                cp = cp << 6 | cont & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                throw notUtf8(i);
            }
            i += len;
        }
    }

    private static Reject notUtf8(int offset) {
        return new Reject(RejectReason.NOT_JSON, "not UTF-8 at byte offset " + offset);
    }
}
