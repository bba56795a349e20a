package org.equilibrium.session.autonomic;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.Quality;
import org.equilibrium.analysis.frequency.FrequencyDomain;
import org.equilibrium.analysis.time.TimeDomain;

/**
 * Adapter from the HRV core's panels to the estimator's {@link WindowMetrics}. Time-domain metrics, PNS/SNS,
 * coherence, coverage, artefacts and the analyzer's quality come from the 60-s panel; HF, LF/HF and the
 * respiratory rate from the spectral panel (120 s: the Task Force minimum for LF), used only when its own
 * quality is ok, else HF and the breathing rate from the 60-s panel and no LF/HF. The scored mean HR comes from
 * the last {@link #RECENT_HR_WINDOW_S} s, computed as its panel would but without building one.
 */
public final class PanelWindows {
    /** Window of the time-domain metrics and the state (issue 5: RMSSD over 60 s). */
    public static final double SHORT_WINDOW_S = 60;
    /** Window of the spectral metrics: LF needs 120 s (Task Force 1996). */
    public static final double SPECTRAL_WINDOW_S = 120;
    /**
     * Window of the scored mean heart rate. Mean HR, unlike RMSSD and band powers, is valid over ultra-short
     * recordings of 10 s (Shaffer &amp; Ginsberg 2017; Task Force 1996 gives no minimum for it); 30 s spans at
     * least three breaths at 6/min, so respiratory sinus arrhythmia averages out, and a 60-s mean would keep
     * the old rate in the score for a minute after a change.
     */
    public static final double RECENT_HR_WINDOW_S = 30;

    private PanelWindows() {
    }

    /**
     * @param shortPanel    the 60-s panel at the tick
     * @param spectralPanel the 120-s panel at the tick, or null
     * @param contactOk     the strap's latest contact bit, or null when it reports none
     */
    public static WindowMetrics from(long windowEndMs, HrvPanel shortPanel, HrvPanel spectralPanel, Boolean contactOk) {
        return from(windowEndMs, shortPanel, spectralPanel, null, contactOk);
    }

    /**
     * @param recentHr the mean HR and quality of the {@link #RECENT_HR_WINDOW_S}-s window at the tick, or null;
     *                 its mean HR is used only when its own quality is ok
     */
    public static WindowMetrics from(long windowEndMs, HrvPanel shortPanel, HrvPanel spectralPanel,
                                     HrvAnalyzer.MeanHeartRate recentHr, Boolean contactOk) {
        if (shortPanel == null) {
            throw new IllegalArgumentException("the 60-s panel is required");
        }
        TimeDomain t = shortPanel.time();
        FrequencyDomain f = spectralPanel != null && spectralPanel.quality() == Quality.OK
                && spectralPanel.frequency() != null ? spectralPanel.frequency() : null;
        FrequencyDomain fShort = shortPanel.frequency();
        double hf = f != null && f.hfMs2() != null ? f.hfMs2() : fShort != null ? nan(fShort.hfMs2()) : Double.NaN;
        double resp = f != null && f.respRateBpm() != null ? f.respRateBpm()
                : fShort != null ? nan(fShort.respRateBpm()) : Double.NaN;
        double lfHf = f != null ? nan(f.lfHf()) : Double.NaN;
        int beats = shortPanel.beats();
        double artefacts = beats == 0 ? 0 : Math.min(1, (double) shortPanel.correctedBeats() / beats);
        return new WindowMetrics(windowEndMs,
                t == null ? Double.NaN : t.meanHrBpm(),
                t == null ? Double.NaN : nan(t.rmssdMs()),
                t == null ? Double.NaN : nan(t.sdnnMs()),
                positive(hf), positive(lfHf), nan(shortPanel.coherence()), positive(resp),
                shortPanel.autonomic() == null ? Double.NaN : nan(shortPanel.autonomic().pnsIndex()),
                shortPanel.autonomic() == null ? Double.NaN : nan(shortPanel.autonomic().snsIndex()),
                Math.max(0, Math.min(1, shortPanel.coverage())), artefacts, contactOk, beats,
                quality(shortPanel.quality()),
                recentHr != null && recentHr.quality() == Quality.OK ? positive(recentHr.meanHrBpm()) : Double.NaN);
    }

    static QualityFlag quality(Quality q) {
        return switch (q) {
            case OK -> QualityFlag.OK;
            case LOW_COVERAGE -> QualityFlag.LOW_COVERAGE;
            case TOO_MANY_ARTEFACTS -> QualityFlag.TOO_MANY_ARTEFACTS;
        };
    }

    private static double nan(Double v) {
        return v == null || !Double.isFinite(v) ? Double.NaN : v;
    }

    /** Band powers and rates of exactly 0 (an empty band) carry no information for a log scale. */
    private static double positive(double v) {
        return v > 0 ? v : Double.NaN;
    }
}
