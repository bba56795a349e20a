package org.equilibrium.ingest;

import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StimReading;

/**
 * Range checks shared by every transport and format (JSON and raw GATT alike), per
 * shared/contracts/mqtt-wire.md: bpm 20–250, each RR 200–3000 ms, battery 0–100, channel ≥ 1,
 * current ≥ 0, frequency and pulse width > 0. Returns null when acceptable. Pure.
 */
public final class ReadingValidator {
    private final IngestLimits limits;

    public ReadingValidator(IngestLimits limits) {
        this.limits = limits;
    }

    public DecodeResult.Rejected check(HeartRateReading r) {
        int n = r.rrCount();
        if (n > limits.maxRrPerMessage()) {
            return new DecodeResult.Rejected(RejectReason.OVERSIZED,
                    n + " RR intervals in one message, limit " + limits.maxRrPerMessage());
        }
        if (r.bpm() < limits.minBpm() || r.bpm() > limits.maxBpm()) {
            return new DecodeResult.Rejected(RejectReason.OUT_OF_RANGE,
                    "bpm " + r.bpm() + " outside " + limits.minBpm() + "-" + limits.maxBpm());
        }
        for (int i = 0; i < n; i++) {
            double rr = r.rrMs(i);
            if (!(rr >= limits.minRrMs() && rr <= limits.maxRrMs())) {
                return new DecodeResult.Rejected(RejectReason.OUT_OF_RANGE,
                        "rr_ms[" + i + "] " + rr + " outside " + limits.minRrMs() + "-" + limits.maxRrMs());
            }
        }
        return null;
    }

    public DecodeResult.Rejected check(StimReading s) {
        if (s.channel() < 1) {
            return out("channel " + s.channel() + " < 1");
        }
        if (s.currentMicroamps() != null && !(s.currentMicroamps() >= 0)) {
            return out("current_ua " + s.currentMicroamps() + " < 0");
        }
        if (s.frequencyHz() != null && !(s.frequencyHz() >= 0)) {
            return out("frequency_hz " + s.frequencyHz() + " < 0");
        }
        if (s.pulseWidthUs() != null && !(s.pulseWidthUs() >= 0)) {
            return out("pulse_width_us " + s.pulseWidthUs() + " < 0");
        }
        return checkBattery(s.batteryPct());
    }

    public DecodeResult.Rejected checkBattery(Integer pct) {
        if (pct != null && (pct < 0 || pct > 100)) {
            return out("battery_pct " + pct + " outside 0-100");
        }
        return null;
    }

    private static DecodeResult.Rejected out(String detail) {
        return new DecodeResult.Rejected(RejectReason.OUT_OF_RANGE, detail);
    }
}
