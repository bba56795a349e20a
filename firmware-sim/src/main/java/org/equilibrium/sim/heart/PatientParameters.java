package org.equilibrium.sim.heart;

import java.util.SplittableRandom;

/**
 * How one simulated person's heart differs from another's. Drawn from a seed so a patient label
 * gives the same heart in every run.
 *
 * @param restingHrBpm     heart rate at neutral balance (b = 0)
 * @param hfAmplitude      relative amplitude of respiratory sinus arrhythmia at b = 0 (fraction of the mean rate)
 * @param lfAmplitude      relative amplitude of the Mayer-wave (≈0.1 Hz) oscillation at b = 0
 * @param mayerHz          centre frequency of this person's baroreflex (Mayer) oscillation
 * @param vlfAmplitude     relative SD of the 1/f background
 * @param breathingBiasPerMin habitual offset of spontaneous breathing from the scenario's rate
 */
public record PatientParameters(double restingHrBpm, double hfAmplitude, double lfAmplitude, double mayerHz,
        double vlfAmplitude, double breathingBiasPerMin) {

    public PatientParameters {
        if (restingHrBpm < 40 || restingHrBpm > 110) {
            throw new IllegalArgumentException("restingHrBpm must be in [40, 110], got " + restingHrBpm);
        }
        if (hfAmplitude < 0 || hfAmplitude > 0.2 || lfAmplitude < 0 || lfAmplitude > 0.2 || vlfAmplitude < 0
                || vlfAmplitude > 0.2) {
            throw new IllegalArgumentException("relative amplitudes must be in [0, 0.2]");
        }
        if (mayerHz < 0.06 || mayerHz > 0.14) {
            throw new IllegalArgumentException("mayerHz must be in [0.06, 0.14], got " + mayerHz);
        }
    }

    /** A typical adult: resting HR 65, RMSSD around 35 ms at rest. */
    public static PatientParameters typical() {
        return new PatientParameters(65, 0.035, 0.03, 0.1, 0.025, 0);
    }

    /**
     * A seeded individual. Ranges follow healthy-adult short-term HRV norms (Nunan et al. 2010,
     * Pacing Clin Electrophysiol 33:1407–1417: RMSSD ≈ 19–75 ms, LF/HF ≈ 1–11).
     */
    public static PatientParameters draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double hr = 58 + r.nextDouble() * 20;
        double hf = 0.035 * Math.exp(0.3 * clampGauss(r));
        double lf = 0.03 * Math.exp(0.25 * clampGauss(r));
        double mayer = 0.1 + 0.008 * clampGauss(r);
        double vlf = 0.025 * Math.exp(0.2 * clampGauss(r));
        double bias = 0.3 * clampGauss(r);
        return new PatientParameters(hr, hf, lf, mayer, vlf, bias);
    }

    private static double clampGauss(SplittableRandom r) {
        return Math.max(-2, Math.min(2, r.nextGaussian()));
    }
}
