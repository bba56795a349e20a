package org.equilibrium.session.autonomic;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.live.IncrementalHrvAnalyzer;
import org.equilibrium.session.PhaseKind;

/**
 * The live chain of one session's heart-rate stream: beats in, one {@link AutonomicEstimate} per tick out
 * (incremental HRV analyzer → 60-s and 120-s panels → {@link PanelWindows} → {@link AutonomicStateEstimator}).
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
        WindowMetrics m = PanelWindows.from(nowMs, hrv.panel(PanelWindows.SHORT_WINDOW_S, nowMs),
                hrv.panel(PanelWindows.SPECTRAL_WINDOW_S, nowMs), contactOk);
        return estimator.next(m, phase, stimulation);
    }

    public AutonomicStateEstimator estimator() {
        return estimator;
    }
}
