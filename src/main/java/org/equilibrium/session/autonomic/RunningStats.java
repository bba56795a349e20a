package org.equilibrium.session.autonomic;

/** Welford's online mean and variance (Welford 1962): stable for long runs, O(1) memory. Not thread-safe. */
final class RunningStats {
    private int n;
    private double mean;
    private double m2;

    void add(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
    }

    int n() {
        return n;
    }

    double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    double sd() {
        return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
    }

    Baseline.Stat snapshot() {
        return new Baseline.Stat(n, mean(), sd());
    }
}
