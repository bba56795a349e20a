package org.equilibrium.session.autonomic;

/**
 * Mean and SD of this session's baseline-phase windows (quality ok, 5-s cadence), per metric, on the scale
 * the estimator scores them: natural log for RMSSD, HF and LF/HF (they are log-normally distributed;
 * Task Force 1996), bpm for HR. SDs are sample SDs (n − 1) before any floor; NaN where n &lt; 2.
 */
public record Baseline(int windows, Stat lnRmssd, Stat meanHrBpm, Stat lnHf, Stat lnLfHf) {

    public record Stat(int n, double mean, double sd) {
    }
}
