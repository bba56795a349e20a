package org.equilibrium.session.autonomic;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.live.IncrementalHrvAnalyzer;
import org.equilibrium.session.PhaseKind;

/**
 * The live chain of one session's heart-rate stream: beats in, one {@link AutonomicEstimate} per tick out
 * (incremental HRV analyzer → 60-s and 120-s panels and the 30-s mean HR → {@link PanelWindows} → {@link AutonomicStateEstimator}).
 * Pure and single-threaded like its parts: the caller (the session service) feeds beats and ticks in time
 * order from one thread per session.
 */
public final class LiveSessionAnalysis {
    private final IncrementalHrvAnalyzer hrv;
    private final AutonomicStateEstimator estimator;

    public LiveSessionAnalysis(HrvAnalyzer analyzer, EstimatorSettings settings, long sessionStartMs) {
        this.hrv = new IncrementalHrvAnalyzer(analyzer, Math.max(PanelWindows.SPECTRAL_WINDOW_S,
                IncrementalHrvAnalyzer.DEFAULT_RETENTION_S), 0, IncrementalHrvAnalyzer.DEFAULT_GAP_TOLERANCE_MS);
        this.estimator = new AutonomicStateEstimator(settings, sessionStartMs);
    }

    /**
     * One beat: the RR interval that ended at {@code beatEndMs}.
     *
     * @throws IllegalArgumentException for a non-positive RR or a beat not after the previous one (the
     *                                  analyzer's contract; nothing changes then)
     */
    public void onBeat(long beatEndMs, double rrMs) {
        hrv.accept(beatEndMs, rrMs);
    }

    /** Lost notifications or a disconnect: successive differences must not span it. */
    public void onGap() {
        hrv.markGap();
    }

    /** The estimate for the window ending at {@code nowMs}; call every 5 s. */
    public AutonomicEstimate tick(long nowMs, PhaseKind phase, StimulationContext stimulation, Boolean contactOk) {
        return tick(nowMs, phase, stimulation, contactOk, null);
    }

    /**
     * As {@link #tick(long, PhaseKind, StimulationContext, Boolean)}, with the pacer rate while a paced-breathing
     * practice runs (null otherwise): see {@link AutonomicStateEstimator#next(WindowMetrics, PhaseKind,
     * StimulationContext, Double)}.
     */
    public AutonomicEstimate tick(long nowMs, PhaseKind phase, StimulationContext stimulation, Boolean contactOk,
                                  Double pacedBreathsPerMin) {
        HrvPanel shortPanel = hrv.panel(PanelWindows.SHORT_WINDOW_S, nowMs);
        // No beat in the last 60 s (strap silent, contact lost, not started yet): a window with nothing in it,
        // which the estimator flags (coverage 0) instead of labelling.
        WindowMetrics m = shortPanel == null ? empty(nowMs, contactOk)
                : PanelWindows.from(nowMs, shortPanel, hrv.panel(PanelWindows.SPECTRAL_WINDOW_S, nowMs),
                        hrv.meanHeartRate(PanelWindows.RECENT_HR_WINDOW_S, nowMs), contactOk);
        return estimator.next(m, phase, stimulation, pacedBreathsPerMin);
    }

    private static WindowMetrics empty(long nowMs, Boolean contactOk) {
        double nan = Double.NaN;
        return new WindowMetrics(nowMs, nan, nan, nan, nan, nan, nan, nan, nan, nan, 0, 0, contactOk, 0);
    }

    public AutonomicStateEstimator estimator() {
        return estimator;
    }
}
