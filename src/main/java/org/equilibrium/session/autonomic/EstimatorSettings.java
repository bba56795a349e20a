package org.equilibrium.session.autonomic;

/**
 * Settings of {@link AutonomicStateEstimator}, with the physiological reasoning behind each default in
 * {@code src/docs/sessions.md}. Immutable; {@link #defaults()} is what the service uses unless configured.
 *
 * @param cadenceMs                 time between estimates (5 s); each estimate stands for this much time
 * @param warmUpMs                  after the session start, windows are {@code warming-up} until the 60-s
 *                                  RMSSD window is full
 * @param minCoverage               below this beat coverage of the window: {@code low-coverage}
 * @param maxArtefactFraction       above this fraction of corrected beats: {@code too-many-artefacts}
 *                                  (Kubios: results with more than ~5 % corrected beats are unreliable)
 * @param minBaselineWindows        ok baseline windows needed before scoring against the baseline (12 = 60 s);
 *                                  until then baseline-phase windows are {@code warming-up}
 * @param weightRmssd               weight of ln RMSSD (vagal, robust to breathing rate: Laborde et al. 2017)
 * @param weightMeanHr              weight of mean HR (net autonomic outflow to the sinus node)
 * @param weightHf                  weight of ln HF power (vagal when breathing is in the HF band)
 * @param weightLfHf                weight of ln LF/HF, kept low: its "sympathovagal balance" reading is
 *                                  contested (Billman 2013)
 * @param sdFloorLnRmssd            floor of the baseline SD of ln RMSSD (0.15 ≈ a 16 % change per SD)
 * @param sdFloorMeanHrBpm          floor of the baseline SD of mean HR, bpm
 * @param sdFloorLnHf               floor of the baseline SD of ln HF
 * @param sdFloorLnLfHf             floor of the baseline SD of ln LF/HF
 * @param minRespRateForHfBpm       below this breathing rate (9/min = 0.15 Hz) respiratory sinus arrhythmia
 *                                  falls into the LF band, so HF and LF/HF stop meaning vagal/sympathetic
 *                                  and are left out (Task Force 1996; Shaffer &amp; Ginsberg 2017)
 * @param zClamp                    each z-score is clamped to ±this, so one wild metric cannot decide alone
 * @param populationWeight          share of the population score once a baseline exists; 0 by default: the
 *                                  label is relative to the person's own baseline, and any weight here biases
 *                                  a low- or high-HRV person's every label (the population score still travels
 *                                  with each estimate for comparisons between sessions)
 * @param populationClamp           the population score is clamped to ±this; with the weight this bounds
 *                                  what population differences alone can add (0.25 × 2 = 0.5 &lt; threshold)
 * @param threshold                 balance (SD units) separating balanced from a directed state; a directed
 *                                  state is left when the balance falls back inside ±threshold
 * @param margin                    a directed state is entered only beyond threshold + margin
 * @param persistenceWindows        consecutive windows a new state must hold before it is taken (3 × 5 s)
 * @param populationOnlyConfidence  confidence factor when no baseline exists (norms are wide)
 * @param scoreScale                balance score = tanh(balance z / scoreScale), in (−1, +1)
 * @param norms                     population norms for the fallback indices
 */
public record EstimatorSettings(long cadenceMs, long warmUpMs, double minCoverage, double maxArtefactFraction,
                                int minBaselineWindows, double weightRmssd, double weightMeanHr, double weightHf,
                                double weightLfHf, double sdFloorLnRmssd, double sdFloorMeanHrBpm,
                                double sdFloorLnHf, double sdFloorLnLfHf, double minRespRateForHfBpm,
                                double zClamp, double populationWeight, double populationClamp, double threshold,
                                double margin, int persistenceWindows, double populationOnlyConfidence,
                                double scoreScale, PopulationNorms norms) {

    public EstimatorSettings {
        require(cadenceMs > 0, "cadence must be > 0 ms");
        require(warmUpMs >= 0, "warm-up must be >= 0 ms");
        require(minCoverage >= 0 && minCoverage <= 1, "min coverage must be in [0, 1]");
        require(maxArtefactFraction > 0 && maxArtefactFraction <= 1, "max artefact fraction must be in (0, 1]");
        require(minBaselineWindows >= 2, "a baseline needs at least 2 windows for an SD");
        require(weightRmssd >= 0 && weightMeanHr >= 0 && weightHf >= 0 && weightLfHf >= 0
                && weightRmssd + weightMeanHr > 0, "weights must be >= 0 and RMSSD + HR weights > 0");
        require(sdFloorLnRmssd > 0 && sdFloorMeanHrBpm > 0 && sdFloorLnHf > 0 && sdFloorLnLfHf > 0,
                "SD floors must be > 0");
        require(minRespRateForHfBpm >= 0, "min respiratory rate must be >= 0");
        require(zClamp > 0 && populationClamp > 0, "clamps must be > 0");
        require(populationWeight >= 0 && populationWeight < 1, "population weight must be in [0, 1)");
        require(threshold > 0 && margin >= 0, "need threshold > 0 and margin >= 0");
        require(persistenceWindows >= 1, "persistence must be >= 1 window");
        require(populationOnlyConfidence >= 0 && populationOnlyConfidence <= 1,
                "population-only confidence must be in [0, 1]");
        require(scoreScale > 0, "score scale must be > 0");
        require(norms != null, "population norms are required");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static EstimatorSettings defaults() {
        return new EstimatorSettings(5_000, 60_000, 0.8, 0.05, 12,
                0.40, 0.35, 0.15, 0.10,
                0.15, 2.0, 0.30, 0.30, 9.0,
                4.0, 0.0, 2.0,
                1.0, 0.25, 3, 0.6, 2.0,
                PopulationNorms.nunan2010());
    }

    public double enterThreshold() {
        return threshold + margin;
    }

    public double leaveThreshold() {
        return threshold;
    }
}
