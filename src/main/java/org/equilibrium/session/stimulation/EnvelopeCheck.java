package org.equilibrium.session.stimulation;

import org.equilibrium.device.profile.SafetyEnvelope;
import org.equilibrium.device.profile.SafetyEnvelope.Range;

/** The static limits of a command against a device's {@link SafetyEnvelope} (ranges and required fields). */
final class EnvelopeCheck {
    private EnvelopeCheck() {
    }

    /** First violation of {@code r} (start or set) against {@code env}, or null when within it. */
    static String violation(CommandRequest r, SafetyEnvelope env) {
        boolean start = r.op() == StimOp.START;
        if (start) {
            if (r.currentMicroamps() == null) {
                return "start needs current_ua";
            }
            if (r.frequencyHz() == null) {
                return "start needs frequency_hz";
            }
            if (env.pulseWidthUs() != null && r.pulseWidthUs() == null) {
                return "start needs pulse_width_us";
            }
        } else if (r.currentMicroamps() == null && r.frequencyHz() == null && r.pulseWidthUs() == null) {
            return "set needs at least one of current_ua, frequency_hz, pulse_width_us";
        }
        if (r.currentMicroamps() != null) {
            long c = r.currentMicroamps();
            if (start && c <= 0) {
                return "current_ua must be > 0 to start";
            }
            String v = outside("current_ua", c, env.currentMicroamps());
            if (v != null) {
                return v;
            }
        }
        if (r.frequencyHz() != null) {
            String v = outside("frequency_hz", r.frequencyHz(), env.frequencyHz());
            if (v != null) {
                return v;
            }
        }
        if (r.pulseWidthUs() != null) {
            if (env.pulseWidthUs() == null) {
                return "pulse_width_us is not settable on this device (its profile has no pulse-width range)";
            }
            return outside("pulse_width_us", r.pulseWidthUs(), env.pulseWidthUs());
        }
        return null;
    }

    private static String outside(String field, double v, Range range) {
        if (!Double.isFinite(v)) {
            return field + " must be a finite number";
        }
        if (!range.contains(v)) {
            return field + " " + format(v) + " outside profile limits " + format(range.min()) + "-"
                    + format(range.max());
        }
        return null;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
