package org.equilibrium.analysis.frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equilibrium.analysis.rr.RrSeries;
import org.junit.jupiter.api.Test;

class LombScargleTest {

    @Test
    void totalPowerEqualsTheRrVariance() {
        RrSeries rr = WelchPsdTest.modulated(850, 35, 0.12, 300);
        Psd psd = LombScargle.of(rr);
        double df = psd.frequencyHz()[1] - psd.frequencyHz()[0];
        double total = 0;
        for (double p : psd.densityMs2PerHz()) {
            total += p * df;
        }
        double mean = 0;
        for (double v : rr.rrMs()) {
            mean += v / rr.size();
        }
        double var = 0;
        for (double v : rr.rrMs()) {
            var += (v - mean) * (v - mean) / (rr.size() - 1);
        }
        assertThat(total).isCloseTo(var, within(var * 1e-9));
    }

    @Test
    void findsTheModulationFrequencyOnAGappyWindow() {
        RrSeries full = WelchPsdTest.modulated(900, 30, 0.25, 300);
        // Drop 40 s in the middle: Lomb works on the beats that exist.
        int n = full.size();
        int cutFrom = n / 2 - 20;
        int cutTo = n / 2 + 25;
        int m = n - (cutTo - cutFrom);
        double[] ends = new double[m];
        double[] rr = new double[m];
        boolean[] gaps = new boolean[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (i >= cutFrom && i < cutTo) {
                continue;
            }
            ends[j] = full.beatEndMs()[i];
            rr[j] = full.rrMs()[i];
            gaps[j] = i == cutTo;
            j++;
        }
        Psd psd = LombScargle.of(new RrSeries(ends, rr, gaps));
        FrequencyDomain f = FrequencyDomain.of(psd, 300);
        assertThat(f.hfPeakHz()).isCloseTo(0.25, within(0.005));
        assertThat(f.hfMs2()).isGreaterThan(20 * f.lfMs2());
    }
}
