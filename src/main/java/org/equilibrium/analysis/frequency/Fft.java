package org.equilibrium.analysis.frequency;

/**
 * Discrete Fourier transform {@code X[k] = Σ x[j]·e^(−2πi·jk/n)} of one fixed length, planned once
 * (twiddles, bit reversal) and immutable, so one plan can be shared across threads. Powers of two use an
 * iterative radix-2 Cooley–Tukey transform; other lengths use Bluestein's chirp-z algorithm on top of a
 * power-of-two plan (Bluestein, IEEE Trans Audio Electroacoust 1970;18:451–455).
 */
public final class Fft {
    private final int n;
    private final int logN;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;
    // Bluestein only
    private final Fft inner;
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;

    public Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be positive");
        }
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            logN = Integer.numberOfTrailingZeros(n);
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int k = 0; k < n / 2; k++) {
                double a = -2 * Math.PI * k / n;
                cos[k] = Math.cos(a);
                sin[k] = Math.sin(a);
            }
            bitReverse = new int[n];
            for (int i = 0; i < n; i++) {
                bitReverse[i] = logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN);
            }
            inner = null;
            chirpRe = chirpIm = kernelRe = kernelIm = null;
        } else {
            logN = -1;
            cos = sin = null;
            bitReverse = null;
            int m = Integer.highestOneBit(2 * n - 1) << 1;
            inner = new Fft(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // e^(−iπk²/n); k² mod 2n keeps the argument small and exact.
                long k2 = ((long) k * k) % (2L * n);
                double a = -Math.PI * k2 / n;
                chirpRe[k] = Math.cos(a);
                chirpIm[k] = Math.sin(a);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernelRe[k] = kernelRe[m - k] = chirpRe[k];
                kernelIm[k] = kernelIm[m - k] = -chirpIm[k];
            }
            inner.transform(kernelRe, kernelIm);
        }
    }

    public int size() {
        return n;
    }

    /** In-place forward transform of {@code re + i·im} (both of length {@link #size()}). */
    public void transform(double[] re, double[] im) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("expected arrays of length " + n);
        }
        if (inner == null) {
            radix2(re, im);
        } else {
            bluestein(re, im);
        }
    }

    private void radix2(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >>> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0, tw = 0; k < half; k++, tw += step) {
                    int a = start + k;
                    int b = a + half;
                    double wr = cos[tw];
                    double wi = sin[tw];
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im) {
        int m = inner.n;
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
            ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
        }
        inner.transform(ar, ai);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
            double i = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
            // Inverse via conj(FFT(conj(z))).
            ar[k] = r;
            ai[k] = -i;
        }
        inner.transform(ar, ai);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m;
            double i = -ai[k] / m;
            re[k] = r * chirpRe[k] - i * chirpIm[k];
            im[k] = r * chirpIm[k] + i * chirpRe[k];
        }
    }
}
