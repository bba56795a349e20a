package org.equilibrium.decode;

/** Why a payload was refused. The names are used as the {@code reason} tag of {@code ingest_rejects}. */
public enum RejectReason {
    /** Not parseable as JSON (or not UTF-8). */
    NOT_JSON,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A value is outside the contract's range (bpm 20–250, RR 200–3000 ms, ...). */
    OUT_OF_RANGE,
    /** Binary payload too short, bad flags combination or trailing garbage. */
    MALFORMED_BINARY,
    /** Topic does not carry a valid device id. */
    BAD_DEVICE_ID,
    /** Topic is not one of the contract's streams. */
    UNKNOWN_STREAM,
    /** Payload or topic longer than the configured limit. */
    OVERSIZED,
    /** Same {@code seq} seen again for the device. */
    DUPLICATE;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
