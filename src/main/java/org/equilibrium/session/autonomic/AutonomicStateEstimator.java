package org.equilibrium.session.autonomic;

import org.equilibrium.session.PhaseKind;

import java.util.Optional;

/**
 * Live autonomic state of one session, one {@link #next} call per 5-s window. Pure and single-threaded: the
 * caller owns one instance per session and feeds it windows in time order.
 *
 * <h2>Score</h2>
 * Each ok window gets a balance in SD units, positive = parasympathetic:
 * <pre>
 *   z_m      = clamp((x_m − mean_m) / max(sd_m, floor_m), ±zClamp)        per metric m, vs this session's baseline
 *   relative = (w_rmssd·z_lnRMSSD + w_hf·z_lnHF − w_hr·z_HR − w_lfhf·z_lnLF/HF) / Σ w (available terms)
 *              HR: the recent (30-s) mean when the window has one, baseline and window alike
 *   popular  = clamp((PNS − SNS) / 2, ±populationClamp)                     Kubios-style indices vs norms
 *   balance  = (1 − p)·relative + p·popular   with a baseline,   = popular   without
 * </pre>
 * HF and LF/HF are left out while breathing is slower than {@code minRespRateForHfBpm} (the pacer rate when the
 * session knows one, else the analyzer's). While the baseline phase has fewer than {@code minBaselineWindows}
 * ok windows, windows are {@code warming-up}: no label from population norms alone. Without the analyzer's
 * PNS/SNS indices, PNS ≈ mean(z(mean RR), z(RMSSD)) and SNS ≈ z(mean HR) against {@link PopulationNorms}.
 *
 * <h2>Label</h2>
 * The first ok window takes the zone its balance falls in (±threshold). After that a new label needs
 * {@code persistenceWindows} consecutive ok windows beyond threshold + margin (to enter parasympathetic or
 * sympathetic) or back inside ±threshold (to return to balanced); in between, the label holds.
 *
 * <h2>Quality</h2>
 * A window whose quality is not ok (no contact, warming up, too many artefacts, low coverage) is labelled
 * {@link AutonomicState#UNKNOWN} with confidence 0, carries the held label separately, is not added to the
 * baseline and resets any pending change, so bad data can neither make nor confirm a label.
 */
public final class AutonomicStateEstimator {
    private final EstimatorSettings settings;
    private final long sessionStartMs;

    private final RunningStats lnRmssd = new RunningStats();
    private final RunningStats meanHr = new RunningStats();
    private final RunningStats lnHf = new RunningStats();
    private final RunningStats lnLfHf = new RunningStats();
    private int baselineWindows;
    private boolean baselineClosed;

    private AutonomicState confirmed = AutonomicState.UNKNOWN;
    private AutonomicState candidate;
    private int candidateCount;
    private long lastWindowEndMs = Long.MIN_VALUE;

    public AutonomicStateEstimator(EstimatorSettings settings, long sessionStartMs) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        this.settings = settings;
        this.sessionStartMs = sessionStartMs;
    }

    /**
     * The estimate for one window.
     *
     * @param phase       the session phase at the window end (null outside phases); baseline windows build
     *                    the baseline until another phase is first seen, after which it is frozen
     * @param stimulation stimulation at the window end; null means none
     * @throws IllegalArgumentException when windows do not come in strictly increasing time order
     */
    public AutonomicEstimate next(WindowMetrics m, PhaseKind phase, StimulationContext stimulation) {
        return next(m, phase, stimulation, null);
    }

    /**
     * The estimate for one window whose breathing rate may be known from the session.
     *
     * @param pacedBreathsPerMin the pacer rate while the patient follows a paced-breathing practice, else null.
     *                           It decides whether HF and LF/HF mean what they should (see {@link
     *                           #hfMeaningful}): the analyzer's respiratory rate is 60 × the HF-band peak and so
     *                           can never fall below 9/min, which makes it blind to slow paced breathing, where
     *                           RSA moves into the LF band (Lehrer &amp; Gevirtz 2014). The reported
     *                           {@code respRateBpm} stays the analyzer's.
     */
    public AutonomicEstimate next(WindowMetrics m, PhaseKind phase, StimulationContext stimulation,
                                  Double pacedBreathsPerMin) {
        if (pacedBreathsPerMin != null && !(pacedBreathsPerMin > 0 && pacedBreathsPerMin < 60)) {
            throw new IllegalArgumentException("pacer rate must be in (0, 60) breaths/min, got " + pacedBreathsPerMin);
        }
        if (m == null) {
            throw new IllegalArgumentException("window metrics are required");
        }
        if (m.windowEndMs() <= lastWindowEndMs) {
            throw new IllegalArgumentException("windows must come in time order: " + m.windowEndMs()
                    + " ms after " + lastWindowEndMs + " ms");
        }
        lastWindowEndMs = m.windowEndMs();
        StimulationContext stim = stimulation == null ? StimulationContext.none() : stimulation;
        if (phase != null && phase != PhaseKind.BASELINE) {
            baselineClosed = true;
        }

        QualityFlag quality = quality(m);
        if (quality == QualityFlag.OK) {
            if (phase == PhaseKind.BASELINE && !baselineClosed) {
                addToBaseline(m, pacedBreathsPerMin);
                if (!baselineReady()) {
                    // The label is relative to this person's baseline; while that is still being recorded a
                    // label from population norms alone would be a confident guess about someone else (a
                    // low-HRV wearer reads sympathetic in his own rest). The window counts for the baseline
                    // and carries no label.
                    quality = QualityFlag.WARMING_UP;
                }
            }
        }
        if (quality == QualityFlag.OK) {
            double relative = baselineReady() ? relativeZ(m, pacedBreathsPerMin) : Double.NaN;
            double population = populationZ(m);
            if (!Double.isNaN(relative) || !Double.isNaN(population)) {
                return labelled(m, phase, stim, relative, population);
            }
            quality = QualityFlag.LOW_COVERAGE;   // coverage said ok but the metrics that score are missing
        }
        candidate = null;
        candidateCount = 0;
        return new AutonomicEstimate(m.windowEndMs(), phase, AutonomicState.UNKNOWN, confirmed, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, quality, ScoreBasis.NONE, m, stim);
    }

    /** The baseline so far, once it has enough windows to score against. */
    public Optional<Baseline> baseline() {
        if (!baselineReady()) {
            return Optional.empty();
        }
        return Optional.of(new Baseline(baselineWindows, lnRmssd.snapshot(), meanHr.snapshot(), lnHf.snapshot(),
                lnLfHf.snapshot()));
    }

    public EstimatorSettings settings() {
        return settings;
    }

    QualityFlag quality(WindowMetrics m) {
        if (Boolean.FALSE.equals(m.contactOk())) {
            return QualityFlag.NO_CONTACT;
        }
        if (m.windowEndMs() - sessionStartMs < settings.warmUpMs()) {
            return QualityFlag.WARMING_UP;
        }
        if (m.analyzerQuality() != null && m.analyzerQuality() != QualityFlag.OK) {
            return m.analyzerQuality();
        }
        if (m.artefactFraction() > settings.maxArtefactFraction()) {
            return QualityFlag.TOO_MANY_ARTEFACTS;
        }
        if (m.coverage() < settings.minCoverage()) {
            return QualityFlag.LOW_COVERAGE;
        }
        return QualityFlag.OK;
    }

    private boolean baselineReady() {
        return baselineWindows >= settings.minBaselineWindows();
    }

    private void addToBaseline(WindowMetrics m, Double pacedBreathsPerMin) {
        baselineWindows++;
        lnRmssd.add(ln(m.rmssdMs()));
        meanHr.add(m.scoredHrBpm());
        if (hfMeaningful(m, pacedBreathsPerMin)) {
            lnHf.add(ln(m.hfMs2()));
            lnLfHf.add(ln(m.lfHf()));
        }
    }

    /**
     * HF reflects vagal RSA only while breathing lies in the HF band (≥ 0.15 Hz = 9/min). The breathing rate is
     * the pacer's when the session knows one, else the analyzer's estimate.
     */
    private boolean hfMeaningful(WindowMetrics m, Double pacedBreathsPerMin) {
        double resp = pacedBreathsPerMin != null ? pacedBreathsPerMin : m.respRateBpm();
        return Double.isNaN(resp) || resp >= settings.minRespRateForHfBpm();
    }

    double relativeZ(WindowMetrics m) {
        return relativeZ(m, null);
    }

    double relativeZ(WindowMetrics m, Double pacedBreathsPerMin) {
        double sum = 0;
        double weights = 0;
        double z = z(ln(m.rmssdMs()), lnRmssd, settings.sdFloorLnRmssd());
        if (!Double.isNaN(z)) {
            sum += settings.weightRmssd() * z;
            weights += settings.weightRmssd();
        }
        z = z(m.scoredHrBpm(), meanHr, settings.sdFloorMeanHrBpm());
        if (!Double.isNaN(z)) {
            sum -= settings.weightMeanHr() * z;
            weights += settings.weightMeanHr();
        }
        if (hfMeaningful(m, pacedBreathsPerMin)) {
            z = z(ln(m.hfMs2()), lnHf, settings.sdFloorLnHf());
            if (!Double.isNaN(z)) {
                sum += settings.weightHf() * z;
                weights += settings.weightHf();
            }
            z = z(ln(m.lfHf()), lnLfHf, settings.sdFloorLnLfHf());
            if (!Double.isNaN(z)) {
                sum -= settings.weightLfHf() * z;
                weights += settings.weightLfHf();
            }
        }
        return weights == 0 ? Double.NaN : sum / weights;
    }

    private double z(double x, RunningStats baseline, double sdFloor) {
        if (Double.isNaN(x) || baseline.n() < settings.minBaselineWindows()) {
            return Double.NaN;
        }
        double sd = baseline.sd();
        double z = (x - baseline.mean()) / (Double.isNaN(sd) ? sdFloor : Math.max(sd, sdFloor));
        return clamp(z, settings.zClamp());
    }

    double populationZ(WindowMetrics m) {
        double pns = m.pnsIndex();
        double sns = m.snsIndex();
        if (Double.isNaN(pns) || Double.isNaN(sns)) {
            PopulationNorms n = settings.norms();
            if (Double.isNaN(m.meanHrBpm()) || m.meanHrBpm() <= 0 || Double.isNaN(m.rmssdMs())) {
                return Double.NaN;
            }
            double meanRrMs = 60_000.0 / m.meanHrBpm();
            pns = ((meanRrMs - n.meanRrMs()) / n.meanRrSdMs() + (m.rmssdMs() - n.rmssdMs()) / n.rmssdSdMs()) / 2;
            sns = (m.meanHrBpm() - n.meanHrBpm()) / n.meanHrSdBpm();
        }
        return clamp((pns - sns) / 2, settings.populationClamp());
    }

    private AutonomicEstimate labelled(WindowMetrics m, PhaseKind phase, StimulationContext stim, double relative,
                                       double population) {
        double balance;
        ScoreBasis basis;
        if (Double.isNaN(relative)) {
            balance = population;
            basis = ScoreBasis.POPULATION;
        } else if (Double.isNaN(population)) {
            balance = relative;
            basis = ScoreBasis.BASELINE;
        } else {
            double p = settings.populationWeight();
            balance = (1 - p) * relative + p * population;
            basis = ScoreBasis.BASELINE;
        }
        updateLabel(balance);
        double confidence = confidence(balance, m, basis);
        return new AutonomicEstimate(m.windowEndMs(), phase, confirmed, confirmed, balance,
                Math.tanh(balance / settings.scoreScale()), relative, population, confidence, QualityFlag.OK, basis,
                m, stim);
    }

    private void updateLabel(double balance) {
        double enter = settings.enterThreshold();
        double leave = settings.leaveThreshold();
        if (confirmed == AutonomicState.UNKNOWN) {
            confirmed = zone(balance, settings.threshold());
            return;
        }
        AutonomicState target = switch (confirmed) {
            case BALANCED -> balance >= enter ? AutonomicState.PARASYMPATHETIC
                    : balance <= -enter ? AutonomicState.SYMPATHETIC : null;
            case PARASYMPATHETIC -> balance <= -enter ? AutonomicState.SYMPATHETIC
                    : balance < leave ? AutonomicState.BALANCED : null;
            case SYMPATHETIC -> balance >= enter ? AutonomicState.PARASYMPATHETIC
                    : balance > -leave ? AutonomicState.BALANCED : null;
            case UNKNOWN -> throw new IllegalStateException("unreachable");
        };
        if (target == null) {
            candidate = null;
            candidateCount = 0;
            return;
        }
        candidateCount = target == candidate ? candidateCount + 1 : 1;
        candidate = target;
        if (candidateCount >= settings.persistenceWindows()) {
            confirmed = target;
            candidate = null;
            candidateCount = 0;
        }
    }

    private static AutonomicState zone(double balance, double threshold) {
        if (balance >= threshold) {
            return AutonomicState.PARASYMPATHETIC;
        }
        return balance <= -threshold ? AutonomicState.SYMPATHETIC : AutonomicState.BALANCED;
    }

    /**
     * confidence = d · q · b: d = how far the balance lies inside the current label's zone (0.5 on its edge,
     * 1 a threshold's width inside, 0 a threshold's width outside); q = coverage · (1 − ½ · artefacts / max);
     * b = 1 with a baseline, {@code populationOnlyConfidence} without.
     */
    private double confidence(double balance, WindowMetrics m, ScoreBasis basis) {
        double t = settings.threshold();
        double inside = switch (confirmed) {
            case PARASYMPATHETIC -> balance - t;
            case SYMPATHETIC -> -t - balance;
            default -> t - Math.abs(balance);
        };
        double d = Math.max(0, Math.min(1, 0.5 + inside / (2 * t)));
        double q = m.coverage() * (1 - 0.5 * m.artefactFraction() / settings.maxArtefactFraction());
        double b = basis == ScoreBasis.BASELINE ? 1 : settings.populationOnlyConfidence();
        return Math.max(0, Math.min(1, d * q * b));
    }

    private static double ln(double v) {
        return v > 0 ? Math.log(v) : Double.NaN;
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
