package org.equilibrium.analysis.frequency;

import java.util.concurrent.ConcurrentHashMap;
import org.equilibrium.analysis.rr.RrSeries;

/**
 * The default spectral method, fixed exactly so results are comparable across runs and tools:
 * <ol>
 *   <li>NN (ms) against beat end time, interpolated by a not-a-knot cubic spline on the grid
 *       t₀ + k·0.25 s, k = 0 … ⌊4·(t_last − t₀)⌋ (t₀ the first beat in the window, no extrapolation);</li>
 *   <li>the mean is subtracted;</li>
 *   <li>Welch (IEEE Trans Audio Electroacoust 1967;15:70–73): periodic Hann segments of
 *       L = min(512, ⌊N/2⌋) samples, K = ⌈(N − L)/(L/2)⌉ + 1 segments starting at ⌊k·(N − L)/(K − 1) + ½⌋
 *       (every sample used, overlap ≥ 50 %), each zero-padded to 2L and transformed;</li>
 *   <li>one-sided density {@code 2·|X(f)|² / (fs · Σw²)} (DC and Nyquist not doubled), ms²/Hz, averaged
 *       over the segments.</li>
 * </ol>
 * Instances are thread-safe: Hann windows and FFT plans are cached per length in a concurrent map.
 */
public final class WelchPsd {
    public static final double SAMPLE_RATE_HZ = 4.0;
    public static final int MAX_SEGMENT = 512;

    private final ConcurrentHashMap<Integer, double[]> hannByLength = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Fft> fftByLength = new ConcurrentHashMap<>();

    /** Evenly resampled, mean-removed NN signal at 4 Hz; null when fewer than 2 beats or under 4 samples. */
    public static double[] resample(RrSeries nn) {
        int n = nn.size();
        if (n < 2) {
            return null;
        }
        double[] t = nn.beatEndMs();
        double spanMs = t[n - 1] - t[0];
        double stepMs = 1000.0 / SAMPLE_RATE_HZ;
        // The 1e-9 guards against a grid point lost to rounding when the span is an exact multiple.
        int count = (int) Math.floor(spanMs / stepMs + 1e-9) + 1;
        if (count < 4) {
            return null;
        }
        double[] y = new double[count];
        new CubicSpline(t, nn.rrMs()).sampleUniform(t[0], stepMs, count, y);
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= count;
        for (int k = 0; k < count; k++) {
            y[k] -= mean;
        }
        return y;
    }

    /** Welch PSD of a mean-removed signal sampled at 4 Hz (at least 4 samples). */
    public Psd estimate(double[] y) {
        int n = y.length;
        if (n < 4) {
            throw new IllegalArgumentException("Welch needs at least 4 samples");
        }
        int l = Math.min(MAX_SEGMENT, n / 2);
        int segments = (int) Math.ceil((n - l) / (l / 2.0)) + 1;
        int nfft = 2 * l;
        double[] w = hannByLength.computeIfAbsent(l, WelchPsd::periodicHann);
        Fft fft = fftByLength.computeIfAbsent(nfft, Fft::new);
        double sumW2 = 0;
        for (double v : w) {
            sumW2 += v * v;
        }
        int bins = nfft / 2 + 1;
        double[] density = new double[bins];
        double[] re = new double[nfft];
        double[] im = new double[nfft];
        // Two real segments per complex transform: with z = a + i·b, |A(k)|² + |B(k)|² =
        // (|Z(k)|² + |Z(n−k)|²) / 2, which is all the average needs (halves the FFT work).
        for (int s = 0; s < segments; s += 2) {
            int startA = segmentStart(s, segments, n, l);
            boolean pair = s + 1 < segments;
            int startB = pair ? segmentStart(s + 1, segments, n, l) : 0;
            for (int j = 0; j < l; j++) {
                re[j] = y[startA + j] * w[j];
                im[j] = pair ? y[startB + j] * w[j] : 0.0;
            }
            java.util.Arrays.fill(re, l, nfft, 0.0);
            java.util.Arrays.fill(im, l, nfft, 0.0);
            fft.transform(re, im);
            for (int k = 0; k < bins; k++) {
                int m = k == 0 ? 0 : nfft - k;
                double pk = re[k] * re[k] + im[k] * im[k];
                double pm = re[m] * re[m] + im[m] * im[m];
                density[k] += pair ? (pk + pm) / 2 : pk;
            }
        }
        double scale = 1.0 / (SAMPLE_RATE_HZ * sumW2 * segments);
        double[] f = new double[bins];
        for (int k = 0; k < bins; k++) {
            boolean edge = k == 0 || k == nfft / 2;
            density[k] *= edge ? scale : 2 * scale;
            f[k] = k * SAMPLE_RATE_HZ / nfft;
        }
        return new Psd(f, density);
    }

    /** Resample then estimate; null when the window is too short to resample. */
    public Psd of(RrSeries nn) {
        double[] y = resample(nn);
        return y == null ? null : estimate(y);
    }

    /** Start of segment s of K: ⌊s·(N − L)/(K − 1) + ½⌋ (0 when there is one segment). */
    static int segmentStart(int s, int segments, int n, int l) {
        return segments == 1 ? 0 : (int) Math.floor((double) s * (n - l) / (segments - 1) + 0.5);
    }

    /** Periodic Hann: w[j] = 0.5 − 0.5·cos(2πj/L) (scipy {@code get_window("hann", L)}). */
    static double[] periodicHann(int l) {
        double[] w = new double[l];
        for (int j = 0; j < l; j++) {
            w[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / l);
        }
        return w;
    }
}
