package org.equilibrium.session.autonomic;

/**
 * What the HRV analyzer says about the recent past at one 5-s tick: the estimator's only physiological input.
 * A metric the window does not allow (too short for HF, too few beats) is {@link Double#NaN}.
 *
 * @param windowEndMs      end of the window, Unix epoch ms (the tick)
 * @param meanHrBpm        mean heart rate over the last 60 s
 * @param rmssdMs          RMSSD over the last 60 s, adjacent beats only
 * @param sdnnMs           SDNN over the last 60 s
 * @param hfMs2            HF power (0.15–0.40 Hz) over the spectral window (120 s or more)
 * @param lfHf             LF/HF power ratio over the spectral window
 * @param coherence        HeartMath-style coherence ratio over 64 s
 * @param respRateBpm      respiratory rate estimated from RSA, breaths/min
 * @param pnsIndex         Kubios-style PNS index vs population norms (SD units), NaN when the analyzer gives none
 * @param snsIndex         Kubios-style SNS index vs population norms (SD units), NaN when the analyzer gives none
 * @param coverage         fraction 0–1 of the 60-s window covered by accepted beats
 * @param artefactFraction fraction 0–1 of beats in the window that were corrected or rejected as artefacts
 * @param contactOk        sensor skin contact; null when the sensor does not report it
 * @param beats            accepted beats in the 60-s window
 * @param analyzerQuality  the HRV analyzer's own verdict on the window (it also catches irregular rhythm the
 *                         corrector could not separate), or null when the source gives none
 * @param recentMeanHrBpm  mean heart rate over the last {@link PanelWindows#RECENT_HR_WINDOW_S} s, which the
 *                         estimator scores instead of the 60-s mean when present (mean HR needs no 60 s; it then
 *                         follows a change within about 30 s), NaN when not available
 */
public record WindowMetrics(long windowEndMs, double meanHrBpm, double rmssdMs, double sdnnMs, double hfMs2,
                            double lfHf, double coherence, double respRateBpm, double pnsIndex, double snsIndex,
                            double coverage, double artefactFraction, Boolean contactOk, int beats,
                            QualityFlag analyzerQuality, double recentMeanHrBpm) {

    /** A window without a recent-HR figure: the estimator scores the 60-s mean HR. */
    public WindowMetrics(long windowEndMs, double meanHrBpm, double rmssdMs, double sdnnMs, double hfMs2,
                         double lfHf, double coherence, double respRateBpm, double pnsIndex, double snsIndex,
                         double coverage, double artefactFraction, Boolean contactOk, int beats,
                         QualityFlag analyzerQuality) {
        this(windowEndMs, meanHrBpm, rmssdMs, sdnnMs, hfMs2, lfHf, coherence, respRateBpm, pnsIndex, snsIndex,
                coverage, artefactFraction, contactOk, beats, analyzerQuality, Double.NaN);
    }

    /** A window without an analyzer verdict: the estimator judges coverage and artefacts itself. */
    public WindowMetrics(long windowEndMs, double meanHrBpm, double rmssdMs, double sdnnMs, double hfMs2,
                         double lfHf, double coherence, double respRateBpm, double pnsIndex, double snsIndex,
                         double coverage, double artefactFraction, Boolean contactOk, int beats) {
        this(windowEndMs, meanHrBpm, rmssdMs, sdnnMs, hfMs2, lfHf, coherence, respRateBpm, pnsIndex, snsIndex,
                coverage, artefactFraction, contactOk, beats, null, Double.NaN);
    }

    public WindowMetrics {
        if (analyzerQuality == QualityFlag.NO_CONTACT || analyzerQuality == QualityFlag.WARMING_UP) {
            throw new IllegalArgumentException("contact and warm-up are judged by the estimator, not the analyzer");
        }
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in [0, 1], got " + coverage);
        }
        if (!(artefactFraction >= 0 && artefactFraction <= 1)) {
            throw new IllegalArgumentException("artefact fraction must be in [0, 1], got " + artefactFraction);
        }
        if (beats < 0) {
            throw new IllegalArgumentException("beats must be >= 0, got " + beats);
        }
        requirePositiveOrNaN("mean HR", meanHrBpm);
        requirePositiveOrNaN("recent mean HR", recentMeanHrBpm);
        requirePositiveOrNaN("RMSSD", rmssdMs);
        requirePositiveOrNaN("SDNN", sdnnMs);
        requirePositiveOrNaN("HF power", hfMs2);
        requirePositiveOrNaN("LF/HF", lfHf);
        requirePositiveOrNaN("respiratory rate", respRateBpm);
    }

    private static void requirePositiveOrNaN(String what, double v) {
        if (!Double.isNaN(v) && !(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0 or NaN (not available), got " + v);
        }
    }

    /** The heart rate the estimator scores: the recent mean when present, else the 60-s mean. */
    public double scoredHrBpm() {
        return Double.isNaN(recentMeanHrBpm) ? meanHrBpm : recentMeanHrBpm;
    }
}
