package org.equilibrium.sim.heart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equilibrium.sim.testutil.RrSpectrum;
import org.junit.jupiter.api.Test;

class HeartModelTest {

    private static double[] generate(PatientParameters p, long seed, AutonomicDrive drive, int seconds) {
        HeartModel heart = new HeartModel(p, seed, drive, 0);
        // discard the first minute so the slow state has settled
        while (heart.timeMs() < 60_000) {
            heart.nextBeat(drive);
        }
        double start = heart.timeMs();
        java.util.List<Double> rr = new java.util.ArrayList<>();
        while (heart.timeMs() - start < seconds * 1000.0) {
            rr.add(heart.nextBeat(drive).rrMs());
        }
        return rr.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void hfPeakSitsAtTheBreathingRate() {
        for (double perMin : new double[] {12, 15, 18}) {
            double[] rr = generate(PatientParameters.typical(), 7, new AutonomicDrive(0.2, perMin, false, 0), 600);
            double peak = RrSpectrum.of(rr).peakHz(0.15, 0.4);
            assertThat(peak).as("HF peak at %s/min", perMin).isCloseTo(perMin / 60, within(0.02));
        }
    }

    @Test
    void seededPatientsKeepTheHfPeakAtTheBreathingRate() {
        for (long seed = 1; seed <= 4; seed++) {
            double[] rr = generate(PatientParameters.draw(seed), seed, new AutonomicDrive(0, 15, false, 0), 600);
            assertThat(RrSpectrum.of(rr).peakHz(0.15, 0.4)).as("patient %d", seed).isCloseTo(0.25, within(0.02));
        }
    }

    @Test
    void parasympatheticBalanceRaisesRmssdAndLowersLfHf() {
        PatientParameters p = PatientParameters.typical();
        double[] stressed = generate(p, 11, new AutonomicDrive(-0.8, 15, false, 0), 600);
        double[] calm = generate(p, 11, new AutonomicDrive(0.8, 15, false, 0), 600);
        RrSpectrum sStressed = RrSpectrum.of(stressed);
        RrSpectrum sCalm = RrSpectrum.of(calm);
        double lfHfStressed = sStressed.lf() / sStressed.hf();
        double lfHfCalm = sCalm.lf() / sCalm.hf();
        assertThat(RrSpectrum.rmssd(calm)).isGreaterThan(1.6 * RrSpectrum.rmssd(stressed));
        assertThat(lfHfCalm).isLessThan(lfHfStressed / 2);
        assertThat(RrSpectrum.mean(calm)).isGreaterThan(RrSpectrum.mean(stressed) + 50);
    }

    @Test
    void pacedBreathingAtSixPerMinuteConcentratesPowerNearPointOneHertz() {
        PatientParameters p = PatientParameters.typical();
        double[] paced = generate(p, 5, new AutonomicDrive(0.5, 6, true, 0), 600);
        double[] spontaneous = generate(p, 5, new AutonomicDrive(0.5, 14, false, 0), 600);
        RrSpectrum s = RrSpectrum.of(paced);
        RrSpectrum base = RrSpectrum.of(spontaneous);
        assertThat(s.peakHz(0.04, 0.4)).isCloseTo(0.1, within(0.01));
        double near = s.bandPower(0.08, 0.12);
        double total = s.bandPower(0.003, 0.4);
        assertThat(near / total).isGreaterThan(0.6);
        // resonance: far more power than the same person's whole LF+HF breathing spontaneously
        assertThat(near).isGreaterThan(3 * (base.lf() + base.hf()));
    }

    @Test
    void rrStaysWithinPhysiologicalClampsEvenUnderExtremeDrive() {
        for (AutonomicDrive d : new AutonomicDrive[] {new AutonomicDrive(-1, 24, false, 40),
                new AutonomicDrive(1, 6, true, -20)}) {
            double[] rr = generate(PatientParameters.draw(3), 3, d, 300);
            assertThat(java.util.Arrays.stream(rr).min().orElseThrow()).isGreaterThanOrEqualTo(400.0);
            assertThat(java.util.Arrays.stream(rr).max().orElseThrow()).isLessThanOrEqualTo(1500.0);
        }
    }

    @Test
    void balanceFollowsItsTargetWithAFirstOrderLag() {
        HeartModel heart = new HeartModel(PatientParameters.typical(), 1, new AutonomicDrive(-1, 14, false, 0), 0);
        AutonomicDrive calm = new AutonomicDrive(1, 14, false, 0);
        while (heart.timeMs() < HeartModel.BALANCE_TAU_S * 1000) {
            heart.nextBeat(calm);
        }
        // after one time constant: 1 − e^{-1} ≈ 63 % of the step of 2
        assertThat(heart.balance()).isCloseTo(-1 + 2 * (1 - Math.exp(-heart.timeMs() / 25_000)), within(0.03));
    }

    @Test
    void ectopicBeatIsPrematureAndFollowedByACompensatoryPause() {
        HeartModel heart = new HeartModel(PatientParameters.typical(), 2, AutonomicDrive.rest(), 0);
        heart.setEctopicProbability(0.2);
        Beat prev = heart.nextBeat(AutonomicDrive.rest());
        int seen = 0;
        for (int i = 0; i < 400; i++) {
            Beat b = heart.nextBeat(AutonomicDrive.rest());
            if (b.kind() == BeatKind.ECTOPIC && prev.kind() == BeatKind.SINUS) {
                Beat pause = heart.nextBeat(AutonomicDrive.rest());
                assertThat(pause.kind()).isEqualTo(BeatKind.COMPENSATORY);
                assertThat(b.rrMs()).isLessThan(0.8 * prev.rrMs());
                assertThat(b.rrMs() + pause.rrMs()).isCloseTo(2 * prev.rrMs(), within(0.15 * prev.rrMs()));
                seen++;
                b = pause;
            }
            prev = b;
        }
        assertThat(seen).isBetween(30, 100);
    }

    @Test
    void sameSeedSameBeatsDifferentSeedDifferentBeats() {
        AutonomicDrive d = AutonomicDrive.rest();
        double[] a = generate(PatientParameters.typical(), 42, d, 60);
        double[] b = generate(PatientParameters.typical(), 42, d, 60);
        double[] c = generate(PatientParameters.typical(), 43, d, 60);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }
}
