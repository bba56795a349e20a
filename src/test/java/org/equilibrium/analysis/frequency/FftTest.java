package org.equilibrium.analysis.frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 1024, 3, 236, 1000})
    void agreesWithANaiveDft(int n) {
        Random rnd = new Random(n);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = rnd.nextGaussian();
            im[i] = rnd.nextGaussian();
        }
        double[] naiveRe = new double[n];
        double[] naiveIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                naiveRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                naiveIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
        }
        new Fft(n).transform(re, im);
        double tol = 1e-9 * Math.max(1, n);
        for (int k = 0; k < n; k++) {
            assertThat(re[k]).as("re[%d]", k).isCloseTo(naiveRe[k], within(tol));
            assertThat(im[k]).as("im[%d]", k).isCloseTo(naiveIm[k], within(tol));
        }
    }
}
