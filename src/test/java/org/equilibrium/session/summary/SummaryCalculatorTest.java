package org.equilibrium.session.summary;

import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.StimulationSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.equilibrium.session.SessionFixtures.T0;

class SummaryCalculatorTest {
    private final SessionSummary summary = SummaryFixture.summary();

    private PhaseSummary phase(PhaseKind kind) {
        return summary.phase(kind).orElseThrow();
    }

    @Test
    void splitsWindowsAndBeatsByPhase() {
        assertThat(summary.asOfMs()).isEqualTo(T0 + 300_000);   // ended: the end, not asOf
        assertThat(summary.phases()).extracting(PhaseSummary::kind)
                .containsExactly(PhaseKind.BASELINE, PhaseKind.PRACTICE, PhaseKind.RECOVERY);
        assertThat(phase(PhaseKind.BASELINE).windows()).isEqualTo(23);
        assertThat(phase(PhaseKind.BASELINE).okWindows()).isEqualTo(12);
        assertThat(phase(PhaseKind.PRACTICE).windows()).isEqualTo(24);
        assertThat(phase(PhaseKind.PRACTICE).okWindows()).isEqualTo(22);
        assertThat(phase(PhaseKind.RECOVERY).windows()).isEqualTo(13);   // 240 … 300 s, end included
        // beats: [0, 120 s) has 3; the one at 120 s is practice's; 240 s and the end belong to recovery
        assertThat(phase(PhaseKind.BASELINE).beats()).isEqualTo(3);
        assertThat(phase(PhaseKind.PRACTICE).beats()).isEqualTo(1);
        assertThat(phase(PhaseKind.RECOVERY).beats()).isEqualTo(2);
    }

    @Test
    void averagesMetricsOverQualityOkWindowsOnly() {
        assertThat(phase(PhaseKind.BASELINE).meanHrBpm()).isEqualTo(70);   // warm-up windows said 70 too, with NaN RMSSD
        assertThat(phase(PhaseKind.BASELINE).rmssdMs()).isEqualTo(30);
        assertThat(phase(PhaseKind.PRACTICE).meanHrBpm()).isEqualTo(65);
        assertThat(phase(PhaseKind.PRACTICE).rmssdMs()).isEqualTo(40);
        assertThat(phase(PhaseKind.PRACTICE).sdnnMs()).isCloseTo(48, within(1e-9));
        assertThat(phase(PhaseKind.PRACTICE).pnsIndex()).isNaN();
        // balance: 4 × 0.6 + 18 × 1.4 over 22
        assertThat(phase(PhaseKind.PRACTICE).balanceZ()).isCloseTo((4 * 0.6 + 18 * 1.4) / 22, within(1e-12));
    }

    @Test
    void countsTimeInEachStateAndWithLowQuality() {
        StateTimes b = phase(PhaseKind.BASELINE).stateTimes();
        assertThat(b).isEqualTo(new StateTimes(0, 60_000, 0, 0, 55_000, 0, 0));
        StateTimes p = phase(PhaseKind.PRACTICE).stateTimes();
        assertThat(p).isEqualTo(new StateTimes(0, 20_000, 90_000, 10_000, 0, 0, 0));
        assertThat(p.okMs()).isEqualTo(110_000);
        assertThat(p.lowQualityMs()).isEqualTo(10_000);
    }

    @Test
    void integratesStimulationAsExactTrapezoidsClippedAtPhaseEnds() {
        StimulationDose practice = phase(PhaseKind.PRACTICE).stimulation();
        // ramp 0→10 mA over 10 s: 50 000 µA·s; hold 105 s: 1 050 000; ramp-down 10→5 mA over 235–240 s: 37 500
        assertThat(practice.chargeMicroampSeconds()).isCloseTo(1_137_500, within(1e-6));
        assertThat(practice.milliampMinutes()).isCloseTo(1_137_500 / 60_000.0, within(1e-9));
        assertThat(practice.onMs()).isEqualTo(120_000);
        assertThat(practice.telemetryGapMs()).isZero();

        StimulationDose recovery = phase(PhaseKind.RECOVERY).stimulation();
        assertThat(recovery.chargeMicroampSeconds()).isCloseTo(12_500, within(1e-6));   // 5→0 mA over 5 s
        assertThat(recovery.onMs()).isEqualTo(5_000);
        assertThat(recovery.telemetryGapMs()).isEqualTo(35_000);

        assertThat(phase(PhaseKind.BASELINE).stimulation()).isEqualTo(StimulationDose.NONE);
    }

    @Test
    void doseOfASingleLinearRampEqualsItsTriangle() {
        SummaryCalculator calc = new SummaryCalculator(5_000, 60_000);
        List<StimulationSample> ramp = List.of(new StimulationSample(0, true, 0.0001),
                new StimulationSample(40_000, true, 8_000.0001));
        StimulationDose d = calc.dose(ramp, 0, 40_000);
        assertThat(d.chargeMicroampSeconds()).isCloseTo(0.5 * 8_000 * 40 + 0.0001 * 40, within(1e-6));
        // a window over the middle half: current 2 000 → 6 000 µA over 20 s
        assertThat(calc.dose(ramp, 10_000, 30_000).chargeMicroampSeconds()).isCloseTo(80_000.002, within(1e-6));
    }

    @Test
    void reportsArtefactRateAndCoverage() {
        assertThat(phase(PhaseKind.BASELINE).artefactFraction()).isCloseTo(12 * 0.02 / 23, within(1e-12));
        assertThat(phase(PhaseKind.BASELINE).coverage()).isCloseTo((11 * 0.5 + 12) / 23, within(1e-12));
        // no-contact windows had no beats and do not count towards the artefact rate
        assertThat(phase(PhaseKind.PRACTICE).artefactFraction()).isCloseTo(18 * 0.01 / 22, within(1e-12));
        assertThat(phase(PhaseKind.PRACTICE).coverage()).isCloseTo(22.0 / 24, within(1e-12));
    }

    @Test
    void activeSessionIsSummarisedUpToTheGivenTime() {
        var active = org.equilibrium.session.SessionFixtures.clinicSession();
        SessionSummary s = new SummaryCalculator(5_000, 15_000).summarize(active, List.of(),
                SummaryFixture.estimates(), List.of(), T0 + 150_000);
        assertThat(s.phases()).hasSize(1);
        assertThat(s.phases().get(0).endMs()).isEqualTo(T0 + 150_000);
        assertThat(s.phases().get(0).windows()).isEqualTo(30);
    }
}
