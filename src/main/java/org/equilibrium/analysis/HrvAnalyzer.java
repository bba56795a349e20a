package org.equilibrium.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equilibrium.analysis.artefacts.CorrectionResult;
import org.equilibrium.analysis.autonomic.AutonomicIndices;
import org.equilibrium.analysis.autonomic.BaevskyStressIndex;
import org.equilibrium.analysis.autonomic.Coherence;
import org.equilibrium.analysis.frequency.FrequencyDomain;
import org.equilibrium.analysis.frequency.LombScargle;
import org.equilibrium.analysis.frequency.Psd;
import org.equilibrium.analysis.frequency.WelchPsd;
import org.equilibrium.analysis.nonlinear.Dfa;
import org.equilibrium.analysis.nonlinear.Poincare;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.rr.RrWindow;
import org.equilibrium.analysis.time.TimeDomain;

/**
 * Computes the whole {@link HrvPanel} for one window: artefact correction, then every metric on the NN
 * series. Thread-safe (the Welch plan cache is concurrent); one instance can serve all streams.
 */
public final class HrvAnalyzer {
    private final HrvConfig config;
    private final WelchPsd welch = new WelchPsd();

    public HrvAnalyzer(HrvConfig config) {
        this.config = config;
    }

    public HrvConfig config() {
        return config;
    }

    /** The panel of a whole series: the window runs from the start of its first interval to its last beat. */
    public HrvPanel analyze(RrSeries rr) {
        if (rr.size() == 0) {
            throw new IllegalArgumentException("no beats to analyse");
        }
        double start = rr.beatEndMs()[0] - rr.rrMs()[0];
        return analyze(RrWindow.of(rr, start, rr.beatEndMs()[rr.size() - 1]));
    }

    public HrvPanel analyze(RrWindow window) {
        List<String> notes = new ArrayList<>();
        RrSeries raw = window.beats();
        CorrectionResult corrected = config.corrector().correct(raw);
        RrSeries nn = corrected.nn();
        double durationS = 0;
        for (double v : raw.rrMs()) {
            durationS += v / 1000;
        }
        TimeDomain time = TimeDomain.of(nn);
        if (time == null) {
            notes.add("no beats in the window");
        } else if (time.sdnnMs() == null || time.rmssdMs() == null) {
            notes.add("too few beats for SDNN/RMSSD (" + nn.size() + ")");
        }

        // Time the intervals cover: from the start of the first (its end minus its length) to the end of the last.
        // A window of nominally 120 s then counts as ~120 s, not 120 s less one beat.
        double spanS = nn.size() >= 2
                ? (nn.beatEndMs()[nn.size() - 1] - nn.beatEndMs()[0] + nn.rrMs()[0]) / 1000 : 0;
        Psd psd = spectrum(nn);
        FrequencyDomain freq = FrequencyDomain.of(psd, spanS);
        if (freq == null) {
            notes.add("window too short for any spectral estimate (" + fmt(spanS) + " s of beats)");
        } else {
            if (freq.vlfMs2() == null) {
                notes.add("VLF needs " + (int) FrequencyDomain.MIN_SPAN_VLF_S + " s of beats (window has " + fmt(spanS) + " s)");
            }
            if (freq.lfMs2() == null) {
                notes.add("LF needs " + (int) FrequencyDomain.MIN_SPAN_LF_S + " s of beats (window has " + fmt(spanS) + " s)");
            }
            if (freq.hfMs2() == null) {
                notes.add("HF needs " + (int) FrequencyDomain.MIN_SPAN_HF_S + " s of beats (window has " + fmt(spanS) + " s)");
            }
        }
        Poincare poincare = Poincare.of(nn);
        Dfa.Result dfa = Dfa.of(nn);
        if (dfa.alpha1() == null) {
            notes.add("DFA α1 needs 3 window sizes of 4–11 beats with a fluctuation (at least 7 NN intervals)");
        }
        if (dfa.alpha2() == null) {
            notes.add("DFA α2 needs 3 window sizes of 12 … N/10 beats (at least 140 NN intervals)");
        }
        BaevskyStressIndex si = BaevskyStressIndex.of(nn);

        double irregular = irregularFraction(nn);
        Quality quality = quality(corrected, irregular, window.coverage());
        if (quality == Quality.TOO_MANY_ARTEFACTS) {
            notes.add(String.format(Locale.ROOT,
                    "too many artefacts to trust this window: %.1f %% of intervals corrected, %.1f %% of successive NN still jump > 20 %%",
                    100 * corrected.correctedFraction(), 100 * irregular));
        } else if (quality == Quality.LOW_COVERAGE) {
            notes.add(String.format(Locale.ROOT, "beats cover only %.0f %% of the window", 100 * window.coverage()));
        }

        AutonomicIndices indices = null;
        Double coherence = null;
        if (quality == Quality.OK) {
            AutonomicIndices.Inputs inputs = inputs(time, poincare, si);
            indices = AutonomicIndices.of(inputs, config.reference());
            coherence = Coherence.of(psd);
        } else {
            notes.add("autonomic indices and coherence withheld: quality is " + quality.label());
        }
        return new HrvPanel(window.startMs(), window.endMs(), raw.size(), nn.size(), durationS, window.coverage(),
                quality, corrected.counts(), 100 * irregular, config.method(), time, freq, poincare, dfa.alpha1(),
                dfa.alpha2(), si, indices, coherence, List.copyOf(notes));
    }

    /**
     * The mean heart rate and quality of a window, the same values as {@code analyze(window).time().meanHrBpm()}
     * and {@code analyze(window).quality()} (same artefact correction of the same beats, same formula), without
     * the spectrum, Poincaré, DFA, stress index and autonomic indices that a full panel also computes.
     */
    public MeanHeartRate meanHeartRate(RrWindow window) {
        CorrectionResult corrected = config.corrector().correct(window.beats());
        RrSeries nn = corrected.nn();
        TimeDomain time = TimeDomain.of(nn);
        return new MeanHeartRate(time == null ? Double.NaN : time.meanHrBpm(),
                quality(corrected, irregularFraction(nn), window.coverage()));
    }

    /**
     * @param meanHrBpm 60000 / mean NN interval of the corrected window; NaN when it holds no beat
     * @param quality   the window's quality, as its panel would give it
     */
    public record MeanHeartRate(double meanHrBpm, Quality quality) {
    }

    private Quality quality(CorrectionResult corrected, double irregularFraction, double coverage) {
        if (corrected.correctedFraction() > config.maxArtefactFraction()
                || irregularFraction > config.maxIrregularFraction()) {
            return Quality.TOO_MANY_ARTEFACTS;
        }
        return coverage < config.minCoverage() ? Quality.LOW_COVERAGE : Quality.OK;
    }

    /** The PSD the configured method gives for an NN series (null when too short). */
    public Psd spectrum(RrSeries nn) {
        return config.method() == HrvConfig.SpectralMethod.WELCH ? welch.of(nn) : LombScargle.of(nn);
    }

    /** The inputs of the PNS/SNS indices from a panel (for baseline-relative indices). */
    public static AutonomicIndices.Inputs inputs(HrvPanel p) {
        return inputs(p.time(), p.poincare(), p.baevsky());
    }

    static AutonomicIndices.Inputs inputs(TimeDomain t, Poincare p, BaevskyStressIndex si) {
        return new AutonomicIndices.Inputs(
                t == null ? null : t.meanNnMs(), t == null ? null : t.rmssdMs(), p == null ? null : p.sd1Ms(),
                t == null ? null : t.meanHrBpm(), si == null ? null : si.sqrtSi(), p == null ? null : p.sd2Ms());
    }

    /** Fraction of adjacent NN pairs whose difference exceeds 20 % of the earlier interval. */
    static double irregularFraction(RrSeries nn) {
        double[] x = nn.rrMs();
        int pairs = 0;
        int jumps = 0;
        for (int i = 1; i < x.length; i++) {
            if (nn.adjacent(i)) {
                pairs++;
                if (Math.abs(x[i] - x[i - 1]) > HrvConfig.IRREGULAR_JUMP * x[i - 1]) {
                    jumps++;
                }
            }
        }
        return pairs == 0 ? 0 : (double) jumps / pairs;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
