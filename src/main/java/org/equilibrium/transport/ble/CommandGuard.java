package org.equilibrium.transport.ble;

import java.util.Locale;
import java.util.Optional;
import org.equilibrium.device.profile.SafetyEnvelope;

/**
 * The gateway's own check of a stimulator command against the device profile's safety envelope, made before
 * anything is written to the device. The service checks first; this second check means a bug or a forged
 * message upstream still cannot drive the output past the profile's limits. {@code stop} and {@code pause}
 * lower the output and are always allowed. Pure.
 */
public final class CommandGuard {
    private CommandGuard() {
    }

    /** Why the command is refused, or empty when it is inside the envelope. */
    public static Optional<String> refusal(StimCommand c, SafetyEnvelope envelope) {
        if (c.op().equals("stop") || c.op().equals("pause")) {
            return Optional.empty();
        }
        Optional<String> r = check("current_ua", c.currentUa(), envelope.currentMicroamps());
        if (r.isEmpty()) {
            r = check("frequency_hz", c.frequencyHz(), envelope.frequencyHz());
        }
        if (r.isEmpty()) {
            r = check("pulse_width_us", c.pulseWidthUs(), envelope.pulseWidthUs());
        }
        if (r.isEmpty() && !Double.isNaN(c.durationS()) && (c.durationS() < 0 || c.durationS() > envelope.maxSessionS())) {
            r = Optional.of("duration_s " + fmt(c.durationS()) + " exceeds profile limit " + envelope.maxSessionS());
        }
        return r;
    }

    private static Optional<String> check(String field, double v, SafetyEnvelope.Range range) {
        if (Double.isNaN(v) || range.contains(v)) {
            return Optional.empty();
        }
        return Optional.of(v > range.max() ? field + " " + fmt(v) + " exceeds profile limit " + fmt(range.max())
                : field + " " + fmt(v) + " is below profile minimum " + fmt(range.min()));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
