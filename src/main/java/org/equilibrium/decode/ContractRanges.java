package org.equilibrium.decode;

import java.util.Optional;

/**
 * The physiological ranges of the wire contract (shared/contracts/mqtt-wire.md, {@code hr}): bpm 20–250,
 * each RR interval 200–3000 ms. The JSON decoder refuses values outside them itself; the binary 0x2A37
 * decoder keeps what the sensor sent (it is well-formed data), and ingest runs {@link #check} on its
 * readings so both paths refuse the same values with {@link RejectReason#OUT_OF_RANGE}.
 */
public final class ContractRanges {

    public static final int BPM_MIN = 20;
    public static final int BPM_MAX = 250;
    public static final double RR_MS_MIN = 200.0;
    public static final double RR_MS_MAX = 3000.0;

    private ContractRanges() {
    }

    /** The reason a reading breaks the contract's ranges, or empty when it does not. */
    public static Optional<DecodeResult.Rejected> violation(HeartRateReading reading) {
        if (reading.bpm() < BPM_MIN || reading.bpm() > BPM_MAX) {
            return Optional.of(new DecodeResult.Rejected(RejectReason.OUT_OF_RANGE,
                    "bpm " + reading.bpm() + " outside " + BPM_MIN + "-" + BPM_MAX));
        }
        for (int i = 0; i < reading.rrCount(); i++) {
            double rr = reading.rrMs(i);
            if (!rrInRange(rr)) {
                return Optional.of(new DecodeResult.Rejected(RejectReason.OUT_OF_RANGE,
                        "rr_ms[" + i + "] " + rr + " outside " + (int) RR_MS_MIN + "-" + (int) RR_MS_MAX));
            }
        }
        return Optional.empty();
    }

    /**
     * Applies {@link #violation} to every heart-rate reading of a decoded result: the result itself when all
     * are in range (or it was already refused), else the first violation.
     */
    public static DecodeResult check(DecodeResult result) {
        if (result instanceof DecodeResult.Decoded d) {
            for (Reading r : d.readings()) {
                if (r instanceof HeartRateReading h) {
                    Optional<DecodeResult.Rejected> v = violation(h);
                    if (v.isPresent()) {
                        return v.get();
                    }
                }
            }
        }
        return result;
    }

    public static boolean bpmInRange(long bpm) {
        return bpm >= BPM_MIN && bpm <= BPM_MAX;
    }

    public static boolean rrInRange(double rrMs) {
        return rrMs >= RR_MS_MIN && rrMs <= RR_MS_MAX;
    }
}
