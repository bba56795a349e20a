package org.equilibrium.session.autonomic;

import org.equilibrium.session.PhaseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded end-to-end relation for the estimator alone, on windows from a deliberately simple model — not the
 * simulator, whose scenarios are scored by the outside test once ingest, HRV core and sessions meet.
 *
 * <p>Model: true balance b(t) steps 0 (baseline 3 min) → +0.8 (paced breathing at 6/min, 10 min) → 0 (recovery,
 * 5 min) → −0.7 (a stressor, 5 min). Instantaneous HR = 65 − 8·b, ln RMSSD = ln 38 + 0.6·b; each window is the 60-s
 * mean of those plus AR(1) noise (overlapping windows are correlated). HF follows RMSSD², LF/HF falls with b
 * and is inflated ×5 by slow breathing. Contact is lost for 30 s mid-practice and an artefact burst hits
 * recovery, both away from the shifts: latency is measured on clean transitions (a window that lost data
 * restarts the hysteresis count, so a loss right before a shift adds its own length to the delay).
 * Truth classes: b &gt; 1/3 parasympathetic, b &lt; −1/3 sympathetic, else balanced.
 */
class SyntheticSessionTest {
    private static final long T0 = 1_763_740_800_000L;
    private static final int END_S = 1380;
    private static final int[] SHIFTS_S = {180, 780, 1080};

    static double truth(double s) {
        if (s < 180) {
            return 0;
        }
        if (s < 780) {
            return 0.8;
        }
        return s < 1080 ? 0 : -0.7;
    }

    static AutonomicState truthClass(double b) {
        return b > 1.0 / 3 ? AutonomicState.PARASYMPATHETIC
                : b < -1.0 / 3 ? AutonomicState.SYMPATHETIC : AutonomicState.BALANCED;
    }

    static PhaseKind phase(int s) {
        return s < 180 ? PhaseKind.BASELINE : s < 780 ? PhaseKind.PRACTICE : PhaseKind.RECOVERY;
    }

    static boolean contactLost(int s) {
        return s >= 400 && s < 430;
    }

    static double overlap(int windowEndS, int from, int to) {
        return Math.max(0, Math.min(windowEndS, to) - Math.max(windowEndS - 60, from));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void agreesWithTruthDetectsShiftsAndFlagsBadWindows(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        AutonomicStateEstimator est = new AutonomicStateEstimator(EstimatorSettings.defaults(), T0);
        double eR = 0, eH = 0;
        List<AutonomicEstimate> out = new ArrayList<>();
        for (int s = 5; s <= END_S; s += 5) {
            double hr = 0, lnR = 0;
            for (int u = s - 59; u <= s; u++) {
                double b = truth(Math.max(u, 0));
                hr += (65 - 8 * b) / 60;
                lnR += (Math.log(38) + 0.6 * b) / 60;
            }
            eR = 0.8 * eR + 0.6 * 0.08 * rnd.nextGaussian();
            eH = 0.8 * eH + 0.6 * 0.8 * rnd.nextGaussian();
            double rmssd = Math.exp(lnR + eR);
            double resp = phase(s) == PhaseKind.PRACTICE ? 6 : 14;
            double lfHf = 2 * Math.exp(-0.8 * truth(s) + 0.25 * rnd.nextGaussian()) * (resp < 9 ? 5 : 1);
            double hf = 0.35 * rmssd * rmssd * Math.exp(0.2 * rnd.nextGaussian()) / (resp < 9 ? 4 : 1);
            double coverage = 1 - overlap(s, 400, 430) / 60;
            double artefacts = overlap(s, 1200, 1220) / 60 * 0.5;
            WindowMetrics m = new WindowMetrics(T0 + s * 1000L, hr + eH, rmssd, rmssd * 1.3, hf, lfHf, 0.5, resp,
                    Double.NaN, Double.NaN, coverage, artefacts, !contactLost(s), 60);
            out.add(est.next(m, phase(s), null));
        }

        int ok = 0, agree = 0;
        int[][] confusion = new int[3][3];
        for (AutonomicEstimate e : out) {
            if (!e.qualityOk()) {
                continue;
            }
            ok++;
            AutonomicState t = truthClass(truth((e.windowEndMs() - T0) / 1000.0));
            confusion[t.ordinal()][e.state().ordinal()]++;
            if (t == e.state()) {
                agree++;
            }
        }
        double agreement = (double) agree / ok;
        assertThat(agreement).as("agreement on ok windows, confusion truth×estimate (symp, bal, para) %s",
                java.util.Arrays.deepToString(confusion)).isGreaterThanOrEqualTo(0.85);

        for (int shift : SHIFTS_S) {
            AutonomicState target = truthClass(truth(shift));
            long detected = out.stream().filter(e -> e.windowEndMs() >= T0 + shift * 1000L && e.state() == target)
                    .mapToLong(AutonomicEstimate::windowEndMs).findFirst().orElse(Long.MAX_VALUE);
            assertThat(detected - (T0 + shift * 1000L)).as("detection delay after the shift at %d s", shift)
                    .isLessThanOrEqualTo(60_000);
        }

        for (AutonomicEstimate e : out) {
            int s = (int) ((e.windowEndMs() - T0) / 1000);
            if (contactLost(s)) {
                assertThat(e.quality()).isEqualTo(QualityFlag.NO_CONTACT);
            }
            if (s >= 1210 && s <= 1270) {   // > 5 % of beats in the window are artefacts
                assertThat(e.quality()).isEqualTo(QualityFlag.TOO_MANY_ARTEFACTS);
            }
            if (s <= 55) {
                assertThat(e.quality()).isEqualTo(QualityFlag.WARMING_UP);
            }
            if (!e.qualityOk()) {
                assertThat(e.state()).isEqualTo(AutonomicState.UNKNOWN);
                assertThat(e.confidence()).isZero();
            }
        }
    }
}
