package org.equilibrium.sim.testutil;

import java.util.Arrays;

/**
 * Test-only HRV spectrum until the analysis library lands: the RR tachogram is resampled at 4 Hz by
 * linear interpolation, linearly detrended, and its power estimated with Welch's method (Hann
 * window, 256 s segments, 50 % overlap; Welch, IEEE Trans Audio Electroacoust 15(2):70–73, 1967).
 * Band limits follow the Task Force of ESC/NASPE (Circulation 93:1043–1065, 1996).
 */
public final class RrSpectrum {
    public static final double FS_HZ = 4;
    private static final int SEGMENT = 1024;

    private final double[] freqHz;
    private final double[] psd;

    private RrSpectrum(double[] freqHz, double[] psd) {
        this.freqHz = freqHz;
        this.psd = psd;
    }

    /** @param rrMs consecutive RR intervals (no gaps) */
    public static RrSpectrum of(double[] rrMs) {
        double[] t = new double[rrMs.length];
        double acc = 0;
        for (int i = 0; i < rrMs.length; i++) {
            acc += rrMs[i] / 1000;
            t[i] = acc;
        }
        int n = (int) Math.floor((t[t.length - 1] - t[0]) * FS_HZ);
        double[] x = new double[n];
        int j = 0;
        for (int k = 0; k < n; k++) {
            double tk = t[0] + k / FS_HZ;
            while (j < t.length - 2 && t[j + 1] < tk) {
                j++;
            }
            double w = (tk - t[j]) / (t[j + 1] - t[j]);
            x[k] = rrMs[j] + w * (rrMs[j + 1] - rrMs[j]);
        }
        detrend(x);
        if (n < SEGMENT) {
            throw new IllegalArgumentException("need at least " + SEGMENT / FS_HZ + " s of RR, got " + n / FS_HZ);
        }
        double[] window = new double[SEGMENT];
        double wPow = 0;
        for (int i = 0; i < SEGMENT; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (SEGMENT - 1));
            wPow += window[i] * window[i];
        }
        double[] acc2 = new double[SEGMENT / 2 + 1];
        int segments = 0;
        for (int start = 0; start + SEGMENT <= n; start += SEGMENT / 2) {
            double[] re = new double[SEGMENT];
            double[] im = new double[SEGMENT];
            double mean = 0;
            for (int i = 0; i < SEGMENT; i++) {
                mean += x[start + i];
            }
            mean /= SEGMENT;
            for (int i = 0; i < SEGMENT; i++) {
                re[i] = (x[start + i] - mean) * window[i];
            }
            fft(re, im);
            for (int k = 0; k <= SEGMENT / 2; k++) {
                double p = (re[k] * re[k] + im[k] * im[k]) / (FS_HZ * wPow);
                acc2[k] += (k == 0 || k == SEGMENT / 2) ? p : 2 * p;
            }
            segments++;
        }
        double[] f = new double[acc2.length];
        for (int k = 0; k < acc2.length; k++) {
            acc2[k] /= segments;
            f[k] = k * FS_HZ / SEGMENT;
        }
        return new RrSpectrum(f, acc2);
    }

    /** Power in [loHz, hiHz), ms². */
    public double bandPower(double loHz, double hiHz) {
        double df = freqHz[1] - freqHz[0];
        double sum = 0;
        for (int k = 0; k < freqHz.length; k++) {
            if (freqHz[k] >= loHz && freqHz[k] < hiHz) {
                sum += psd[k] * df;
            }
        }
        return sum;
    }

    public double lf() {
        return bandPower(0.04, 0.15);
    }

    public double hf() {
        return bandPower(0.15, 0.4);
    }

    /** Frequency of the largest PSD value in [loHz, hiHz). */
    public double peakHz(double loHz, double hiHz) {
        double best = -1;
        double at = Double.NaN;
        for (int k = 0; k < freqHz.length; k++) {
            if (freqHz[k] >= loHz && freqHz[k] < hiHz && psd[k] > best) {
                best = psd[k];
                at = freqHz[k];
            }
        }
        return at;
    }

    public static double rmssd(double[] rrMs) {
        double s = 0;
        for (int i = 1; i < rrMs.length; i++) {
            double d = rrMs[i] - rrMs[i - 1];
            s += d * d;
        }
        return Math.sqrt(s / (rrMs.length - 1));
    }

    public static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    public static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private static void detrend(double[] x) {
        int n = x.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += i;
            sy += x[i];
            sxx += (double) i * i;
            sxy += i * x[i];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double icept = (sy - slope * sx) / n;
        for (int i = 0; i < n; i++) {
            x[i] -= icept + slope * i;
        }
    }

    /** In-place radix-2 Cooley–Tukey FFT. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double c = Math.cos(ang * k);
                    double s = Math.sin(ang * k);
                    double ur = re[i + k];
                    double ui = im[i + k];
                    double vr = re[i + k + len / 2] * c - im[i + k + len / 2] * s;
                    double vi = re[i + k + len / 2] * s + im[i + k + len / 2] * c;
                    re[i + k] = ur + vr;
                    im[i + k] = ui + vi;
                    re[i + k + len / 2] = ur - vr;
                    im[i + k + len / 2] = ui - vi;
                }
            }
        }
    }
}
