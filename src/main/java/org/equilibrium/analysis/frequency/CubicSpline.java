package org.equilibrium.analysis.frequency;

/**
 * Interpolating cubic spline with not-a-knot end conditions (third derivative continuous at the second
 * and second-to-last knots; de Boor, A Practical Guide to Splines, 1978), as scipy's
 * {@code CubicSpline(bc_type="not-a-knot")}: 3 knots give the interpolating parabola, 2 a line.
 */
public final class CubicSpline {
    private final double[] x;
    private final double[] y;
    private final double[] m; // second derivatives at the knots

    public CubicSpline(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length || n < 2) {
            throw new IllegalArgumentException("a spline needs at least 2 knots and as many values");
        }
        for (int i = 1; i < n; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("knots must be strictly increasing");
            }
        }
        this.x = x;
        this.y = y;
        this.m = secondDerivatives(x, y);
    }

    private static double[] secondDerivatives(double[] x, double[] y) {
        int n = x.length;
        double[] m = new double[n];
        if (n == 2) {
            return m;
        }
        if (n == 3) {
            // Not-a-knot with 3 knots: the parabola through them (constant second derivative).
            double d0 = (y[1] - y[0]) / (x[1] - x[0]);
            double d1 = (y[2] - y[1]) / (x[2] - x[1]);
            double c = 2 * (d1 - d0) / (x[2] - x[0]);
            m[0] = c;
            m[1] = c;
            m[2] = c;
            return m;
        }
        // Unknowns M1..M(n-2); M0 and M(n-1) eliminated through the not-a-knot conditions.
        int k = n - 2;
        double[] sub = new double[k];
        double[] diag = new double[k];
        double[] sup = new double[k];
        double[] rhs = new double[k];
        for (int i = 1; i <= n - 2; i++) {
            double h0 = x[i] - x[i - 1];
            double h1 = x[i + 1] - x[i];
            int r = i - 1;
            sub[r] = h0;
            diag[r] = 2 * (h0 + h1);
            sup[r] = h1;
            rhs[r] = 6 * ((y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0);
        }
        double h0 = x[1] - x[0];
        double h1 = x[2] - x[1];
        // M0 = ((h0 + h1) M1 − h0 M2) / h1
        diag[0] += h0 * (h0 + h1) / h1;
        sup[0] -= h0 * h0 / h1;
        double ha = x[n - 2] - x[n - 3];
        double hb = x[n - 1] - x[n - 2];
        // M(n-1) = ((ha + hb) M(n-2) − hb M(n-3)) / ha
        diag[k - 1] += hb * (ha + hb) / ha;
        sub[k - 1] -= hb * hb / ha;
        // Thomas algorithm.
        for (int r = 1; r < k; r++) {
            double w = sub[r] / diag[r - 1];
            diag[r] -= w * sup[r - 1];
            rhs[r] -= w * rhs[r - 1];
        }
        double[] inner = new double[k];
        inner[k - 1] = rhs[k - 1] / diag[k - 1];
        for (int r = k - 2; r >= 0; r--) {
            inner[r] = (rhs[r] - sup[r] * inner[r + 1]) / diag[r];
        }
        System.arraycopy(inner, 0, m, 1, k);
        m[0] = ((h0 + h1) * m[1] - h0 * m[2]) / h1;
        m[n - 1] = ((ha + hb) * m[n - 2] - hb * m[n - 3]) / ha;
        return m;
    }

    /** Value at t; t must lie within [x0, x(n-1)] (no extrapolation is done by the HRV code). */
    public double value(double t) {
        int i = segment(t);
        return evaluate(i, t);
    }

    /** Values at {@code t0 + k·step}, k = 0 … count − 1 (ascending grid, one pass over the segments). */
    public void sampleUniform(double t0, double step, int count, double[] out) {
        int i = 0;
        int last = x.length - 2;
        for (int k = 0; k < count; k++) {
            double t = t0 + k * step;
            while (i < last && t > x[i + 1]) {
                i++;
            }
            out[k] = evaluate(i, t);
        }
    }

    private int segment(double t) {
        int lo = 0;
        int hi = x.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (x[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private double evaluate(int i, double t) {
        double h = x[i + 1] - x[i];
        double a = x[i + 1] - t;
        double b = t - x[i];
        return m[i] * a * a * a / (6 * h) + m[i + 1] * b * b * b / (6 * h)
                + (y[i] / h - m[i] * h / 6) * a + (y[i + 1] / h - m[i + 1] * h / 6) * b;
    }
}
