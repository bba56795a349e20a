package org.equilibrium.session.summary;

import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Practice;

import java.util.Locale;
import java.util.Optional;

/**
 * Plain-language sentences for the patient page. Each returns empty when the data do not support a sentence
 * (a phase missing, or no quality-ok windows), never a sentence built on nothing.
 */
public final class SummarySentences {
    /** Changes smaller than this (relative) are reported as "about the same": below the window-to-window noise. */
    public static final double SAME_RELATIVE = 0.05;
    /** Heart-rate changes smaller than this are "about the same". */
    public static final double SAME_BPM = 1.0;

    private SummarySentences() {
    }

    /** e.g. "Your heart rate variability rose by 38 % from baseline during paced breathing." (RMSSD) */
    public static Optional<String> hrvChange(SessionSummary summary, PhaseKind phase, Practice practice) {
        Optional<double[]> pair = pair(summary, phase, PhaseSummary::rmssdMs);
        if (pair.isEmpty()) {
            return Optional.empty();
        }
        double change = pair.get()[1] / pair.get()[0] - 1;
        String during = during(phase, practice);
        if (Math.abs(change) < SAME_RELATIVE) {
            return Optional.of("Your heart rate variability stayed about the same as at baseline " + during + ".");
        }
        return Optional.of(String.format(Locale.ROOT, "Your heart rate variability %s by %d %% from baseline %s.",
                change > 0 ? "rose" : "fell", Math.round(Math.abs(change) * 100), during));
    }

    /** e.g. "Your heart rate fell by 4 beats per minute from baseline during the body scan." */
    public static Optional<String> heartRateChange(SessionSummary summary, PhaseKind phase, Practice practice) {
        Optional<double[]> pair = pair(summary, phase, PhaseSummary::meanHrBpm);
        if (pair.isEmpty()) {
            return Optional.empty();
        }
        double change = pair.get()[1] - pair.get()[0];
        String during = during(phase, practice);
        if (Math.abs(change) < SAME_BPM) {
            return Optional.of("Your heart rate stayed about the same as at baseline " + during + ".");
        }
        long bpm = Math.round(Math.abs(change));
        return Optional.of(String.format(Locale.ROOT, "Your heart rate %s by %d %s per minute from baseline %s.",
                change > 0 ? "rose" : "fell", bpm, bpm == 1 ? "beat" : "beats", during));
    }

    /** e.g. "During paced breathing your body was in a rest-and-digest (parasympathetic) state for 7 of 10 minutes." */
    public static Optional<String> restAndDigestTime(SessionSummary summary, PhaseKind phase, Practice practice) {
        Optional<PhaseSummary> p = summary.phase(phase);
        if (p.isEmpty() || p.get().stateTimes().okMs() < 60_000) {
            return Optional.empty();
        }
        StateTimes t = p.get().stateTimes();
        long total = Math.round(t.okMs() / 60_000.0);
        long para = Math.round(t.parasympatheticMs() / 60_000.0);
        String during = during(phase, practice);
        return Optional.of(String.format(Locale.ROOT,
                "%s your body was in a rest-and-digest (parasympathetic) state for %d of %d %s.",
                Character.toUpperCase(during.charAt(0)) + during.substring(1), para, total,
                total == 1 ? "minute" : "minutes"));
    }

    /** e.g. "During TENS therapy you received stimulation for 12 minutes (a dose of 3.2 mA·min)." */
    public static Optional<String> stimulation(SessionSummary summary, PhaseKind phase, Practice practice) {
        Optional<PhaseSummary> p = summary.phase(phase);
        if (p.isEmpty() || p.get().stimulation().onMs() == 0) {
            return Optional.empty();
        }
        StimulationDose d = p.get().stimulation();
        long minutes = Math.round(d.onMs() / 60_000.0);
        String time = minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes")
                : Math.round(d.onMs() / 1000.0) + " seconds";
        String during = during(phase, practice);
        return Optional.of(String.format(Locale.ROOT, "%s you received stimulation for %s (a dose of %.1f mA·min).",
                Character.toUpperCase(during.charAt(0)) + during.substring(1), time, d.milliampMinutes()));
    }

    private static Optional<double[]> pair(SessionSummary summary, PhaseKind phase,
                                           java.util.function.ToDoubleFunction<PhaseSummary> metric) {
        if (phase == PhaseKind.BASELINE) {
            throw new IllegalArgumentException("compare a later phase with the baseline, not the baseline itself");
        }
        Optional<PhaseSummary> base = summary.phase(PhaseKind.BASELINE);
        Optional<PhaseSummary> other = summary.phase(phase);
        if (base.isEmpty() || other.isEmpty()) {
            return Optional.empty();
        }
        double a = metric.applyAsDouble(base.get());
        double b = metric.applyAsDouble(other.get());
        if (Double.isNaN(a) || Double.isNaN(b) || a <= 0) {
            return Optional.empty();
        }
        return Optional.of(new double[] {a, b});
    }

    private static String during(PhaseKind phase, Practice practice) {
        return switch (phase) {
            case PRACTICE -> "during " + practice.type().phrase();
            case RECOVERY -> "during recovery";
            case BASELINE -> "during the baseline";
        };
    }
}
