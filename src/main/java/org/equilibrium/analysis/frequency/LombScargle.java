package org.equilibrium.analysis.frequency;

import org.equilibrium.analysis.rr.RrSeries;

/**
 * Lomb–Scargle periodogram of the NN intervals at their own beat times, for short or gappy windows
 * where resampling would invent data (Lomb, Astrophys Space Sci 1976;39:447; Scargle, ApJ
 * 1982;263:835; for HRV: Clifford &amp; Tarassenko, IEEE TBME 2005;52:630).
 *
 * <p>Frequencies f_k = k / (4·T), k ≥ 1, up to the mean pseudo-Nyquist 1 / (2·MeanNN), T the span of the
 * window. The classical periodogram ½[(Σy cos ω(t−τ))²/Σcos² + (Σy sin ω(t−τ))²/Σsin²] is then scaled to
 * a one-sided density in ms²/Hz whose integral over the grid (Σ P·Δf) equals the sample variance of NN.
 */
public final class LombScargle {
    public static final int OVERSAMPLING = 4;

    private LombScargle() {
    }

    /** Null when fewer than 4 beats or a zero span. */
    public static Psd of(RrSeries nn) {
        int n = nn.size();
        if (n < 4) {
            return null;
        }
        double[] tMs = nn.beatEndMs();
        double[] rr = nn.rrMs();
        double spanS = (tMs[n - 1] - tMs[0]) / 1000;
        double mean = 0;
        for (double v : rr) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : rr) {
            var += (v - mean) * (v - mean);
        }
        var /= n - 1;
        double df = 1.0 / (OVERSAMPLING * spanS);
        double fMax = 1.0 / (2 * mean / 1000);
        int count = (int) Math.floor(fMax / df);
        if (count < 2 || var == 0) {
            return null;
        }
        double[] c = new double[count];
        double[] s = new double[count];
        double[] cc = new double[count];
        double[] cs = new double[count];
        for (int j = 0; j < n; j++) {
            double y = rr[j] - mean;
            double theta = 2 * Math.PI * df * (tMs[j] - tMs[0]) / 1000;
            double stepC = Math.cos(theta);
            double stepS = Math.sin(theta);
            double cj = stepC;
            double sj = stepS;
            for (int k = 0; k < count; k++) {
                c[k] += y * cj;
                s[k] += y * sj;
                cc[k] += cj * cj;
                cs[k] += cj * sj;
                // Rotate by theta: angle (k + 2)·theta from (k + 1)·theta.
                double nc = cj * stepC - sj * stepS;
                sj = sj * stepC + cj * stepS;
                cj = nc;
            }
        }
        double[] f = new double[count];
        double[] p = new double[count];
        double total = 0;
        for (int k = 0; k < count; k++) {
            double ss = n - cc[k];
            double wt = 0.5 * Math.atan2(2 * cs[k], cc[k] - ss);
            double ct = Math.cos(wt);
            double st = Math.sin(wt);
            double yc = c[k] * ct + s[k] * st;
            double ys = s[k] * ct - c[k] * st;
            double c2 = cc[k] * ct * ct + 2 * cs[k] * ct * st + ss * st * st;
            double s2 = cc[k] * st * st - 2 * cs[k] * ct * st + ss * ct * ct;
            double pk = 0.5 * ((c2 > 1e-12 ? yc * yc / c2 : 0) + (s2 > 1e-12 ? ys * ys / s2 : 0));
            f[k] = (k + 1) * df;
            p[k] = pk;
            total += pk * df;
        }
        double scale = total > 0 ? var / total : 0;
        for (int k = 0; k < count; k++) {
            p[k] *= scale;
        }
        return new Psd(f, p);
    }
}
