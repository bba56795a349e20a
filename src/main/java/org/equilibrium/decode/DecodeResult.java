package org.equilibrium.decode;

import java.util.List;

/** Outcome of decoding one payload: readings, or a reason it was refused. Decoders never throw on bad input. */
public sealed interface DecodeResult {

    record Decoded(List<Reading> readings) implements DecodeResult {
        public Decoded {
            readings = List.copyOf(readings);
        }
    }

    record Rejected(RejectReason reason, String detail) implements DecodeResult {
    }

    static DecodeResult of(Reading reading) {
        return new Decoded(List.of(reading));
    }

    static DecodeResult reject(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
