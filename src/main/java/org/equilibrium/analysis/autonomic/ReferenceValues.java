package org.equilibrium.analysis.autonomic;

/**
 * Population reference values (mean and SD) against which the PNS and SNS indices are z-scored.
 * Configurable: pass your own for a population that fits the patient better.
 *
 * <p>{@link #NUNAN_2010}: Nunan D, Sandercock GRH, Brodie DA. A quantitative systematic review of normal
 * values for short-term heart rate variability in healthy adults. Pacing Clin Electrophysiol
 * 2010;33:1407–1417 — mean RR 926 ± 90 ms, SDNN 50 ± 16 ms, RMSSD 42 ± 15 ms (the normal values Kubios
 * says its indices are compared with). Nunan gives no Poincaré, heart-rate or stress-index norms, so these
 * are derived and documented as such in src/docs/hrv.md: SD1 = RMSSD/√2 → 29.7 ± 10.6 ms;
 * SD2 = √(2·SDNN² − SD1²) → 64.1 ± 21.5 ms (SD scaled by the same ratio as SDNN); mean HR = 60000/926
 * → 64.8 bpm, SD by the delta method 60000·90/926² → 6.3 bpm; √SI: Baevsky's resting normal range of
 * SI 50–150 taken as mean ± 2 SD on the √ scale → 9.66 ± 1.29.
 */
public record ReferenceValues(Stat meanNnMs, Stat rmssdMs, Stat sd1Ms, Stat meanHrBpm, Stat sqrtSi, Stat sd2Ms) {

    /** A population mean and standard deviation. */
    public record Stat(double mean, double sd) {
        public Stat {
            if (!(sd > 0)) {
                throw new IllegalArgumentException("reference SD must be positive");
            }
        }

        public double z(double value) {
            return (value - mean) / sd;
        }
    }

    public static final ReferenceValues NUNAN_2010 = new ReferenceValues(
            new Stat(926, 90), new Stat(42, 15), new Stat(29.7, 10.6),
            new Stat(64.8, 6.3), new Stat(9.66, 1.29), new Stat(64.1, 21.5));
}
