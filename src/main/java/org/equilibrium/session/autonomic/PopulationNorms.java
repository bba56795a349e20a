package org.equilibrium.session.autonomic;

/**
 * Short-term (5-min, supine rest) norms of healthy adults used when a window arrives without the analyzer's
 * own PNS/SNS indices. Defaults are the pooled means and SDs of Nunan D, Sandercock GRH, Brodie DA (2010),
 * "A quantitative systematic review of normal values for short-term heart rate variability in healthy adults",
 * Pacing Clin Electrophysiol 33:1407–1417 (also tabulated by Shaffer &amp; Ginsberg 2017, Front Public Health
 * 5:258), the same source Kubios uses for its PNS/SNS indices.
 *
 * @param meanRrMs   mean RR interval, ms (926)
 * @param meanRrSdMs between-person SD of mean RR, ms (90)
 * @param rmssdMs    RMSSD, ms (42)
 * @param rmssdSdMs  between-person SD of RMSSD, ms (15)
 */
public record PopulationNorms(double meanRrMs, double meanRrSdMs, double rmssdMs, double rmssdSdMs) {
    public PopulationNorms {
        if (!(meanRrMs > 0 && meanRrSdMs > 0 && rmssdMs > 0 && rmssdSdMs > 0)) {
            throw new IllegalArgumentException("population norms must be positive");
        }
    }

    public static PopulationNorms nunan2010() {
        return new PopulationNorms(926, 90, 42, 15);
    }

    /** Heart rate at the norm's mean RR, bpm. */
    public double meanHrBpm() {
        return 60_000.0 / meanRrMs;
    }

    /** SD of heart rate by the delta method: HR = 60000/RR, so SD_HR ≈ HR · SD_RR / RR. */
    public double meanHrSdBpm() {
        return meanHrBpm() * meanRrSdMs / meanRrMs;
    }
}
