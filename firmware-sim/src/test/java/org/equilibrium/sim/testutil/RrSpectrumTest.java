package org.equilibrium.sim.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RrSpectrumTest {

    @Test
    void fftMatchesANaiveDft() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 64;
        double[] re = new double[n];
        double[] im = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            re[i] = x[i];
        }
        RrSpectrum.fft(re, im);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                sr += x[t] * Math.cos(-2 * Math.PI * k * t / n);
                si += x[t] * Math.sin(-2 * Math.PI * k * t / n);
            }
            assertThat(re[k]).isCloseTo(sr, within(1e-9));
            assertThat(im[k]).isCloseTo(si, within(1e-9));
        }
    }

    @Test
    void findsTheFrequencyAndPowerOfASinusoidalTachogram() {
        // RR = 1000 + 50 sin(2π·0.25·t): peak at 0.25 Hz, power 50²/2 = 1250 ms² times the linear
        // interpolation's power response between 1 s samples, sinc⁴(0.25) ≈ 0.657.
        double[] rr = new double[900];
        double t = 0;
        for (int i = 0; i < rr.length; i++) {
            rr[i] = 1000 + 50 * Math.sin(2 * Math.PI * 0.25 * t);
            t += rr[i] / 1000;
        }
        RrSpectrum s = RrSpectrum.of(rr);
        assertThat(s.peakHz(0.15, 0.4)).isCloseTo(0.25, within(0.005));
        double sinc = Math.sin(Math.PI * 0.25) / (Math.PI * 0.25);
        assertThat(s.hf()).isCloseTo(1250 * Math.pow(sinc, 4), within(60.0));
        assertThat(s.lf()).isLessThan(60);
    }
}
