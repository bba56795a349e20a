package org.equilibrium.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.List;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioParser;
import org.equilibrium.sim.testutil.RrSpectrum;
import org.junit.jupiter.api.Test;

/** HRV of the RR a strap actually publishes (1/1024 s quantised, through the JSON form). */
class StreamSpectrumTest {
    private static final long T0 = 1_763_740_800_000L;

    private static List<HrStream.Rr> rrOf(Scenario s, String device) {
        RecordingSink sink = ShippedScenariosTest.runHeadless(s);
        return HrStream.rr(sink.texts(device, "hr"));
    }

    @Test
    void hfPeakFollowsTheScenarioBreathingRateAndParasympatheticShiftRaisesRmssdAndLowersLfHf() throws Exception {
        Scenario s = ScenarioParser.parse("""
                name: shift
                seed: 99
                devices:
                  - {id: s, profile: polar-h10, patient: p}
                phases:
                  - {name: tense, duration_s: 660, balance: -0.6, breathing_per_min: 18}
                  - {name: calm, duration_s: 660, balance: 0.8, breathing_per_min: 12}
                """, "shift.yaml");
        List<HrStream.Rr> rr = rrOf(s, "s");
        double[] tense = HrStream.between(rr, T0 + 60_000, T0 + 660_000);
        double[] calm = HrStream.between(rr, T0 + 780_000, T0 + 1_320_000);
        RrSpectrum st = RrSpectrum.of(tense);
        RrSpectrum sc = RrSpectrum.of(calm);
        assertThat(st.peakHz(0.15, 0.4)).isCloseTo(18 / 60.0, within(0.02));
        assertThat(sc.peakHz(0.15, 0.4)).isCloseTo(12 / 60.0, within(0.02));
        assertThat(RrSpectrum.rmssd(calm)).isGreaterThan(1.5 * RrSpectrum.rmssd(tense));
        assertThat(sc.lf() / sc.hf()).isLessThan(0.5 * st.lf() / st.hf());
    }

    @Test
    void relaxationSessionsPacedBreathingConcentratesPowerNearPointOneHertz() throws Exception {
        Scenario s = ScenarioParser.parse(
                Files.readString(ShippedScenariosTest.DIR.resolve("relaxation-session.yaml")), "relaxation-session.yaml");
        List<HrStream.Rr> rr = rrOf(s, "relax-h10");
        // baseline 0–180 s; paced breathing at 6/min 180–780 s (skip the first minute of settling)
        double[] paced = HrStream.between(rr, T0 + 240_000, T0 + 780_000);
        RrSpectrum sp = RrSpectrum.of(paced);
        assertThat(sp.peakHz(0.04, 0.4)).isCloseTo(0.1, within(0.01));
        assertThat(sp.bandPower(0.08, 0.12) / sp.bandPower(0.003, 0.4)).isGreaterThan(0.6);
        // resonance: the paced oscillation is large, as in people (Lehrer & Gevirtz 2014)
        assertThat(RrSpectrum.sd(paced)).isGreaterThan(60);
    }
}
