package org.equilibrium.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    private static final String VALID = """
            name: t
            seed: 7
            devices:
              - id: s1
                profile: polar-h10
                patient: p
              - id: tens1
                profile: equilibrium-sim-tens
                patient: p
                transport: both
            phases:
              - name: baseline
                duration_s: 60
                balance: 0.2
                breathing_per_min: 12
            stimulation:
              - {at_s: 10, device: tens1, op: start, current_ua: 9000}
            faults:
              - {type: contact-loss, at_s: 20, duration_s: 5, device: s1}
            """;

    private static ScenarioException errorsOf(String yaml) {
        try {
            ScenarioParser.parse(yaml, "x.yaml");
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("expected validation errors");
    }

    @Test
    void parsesAValidScenarioWithDefaults() throws Exception {
        Scenario s = ScenarioParser.parse(VALID, "x.yaml");
        assertThat(s.durationS()).isEqualTo(60);
        assertThat(s.devices()).hasSize(2);
        assertThat(s.devices().get(0).transport()).isEqualTo(Scenario.TransportForm.MQTT_JSON);
        assertThat(s.stimulation().get(0).currentUa()).isEqualTo(9000);
        assertThat(s.faults().get(0).fraction()).isEqualTo(1.0);
        assertThat(s.truthTopic()).isTrue();
    }

    @Test
    void outOfRangeValueNamesItsLineAndField() {
        String bad = VALID.replace("balance: 0.2", "balance: 1.5");
        assertThat(errorsOf(bad).errors())
                .containsExactly("x.yaml:14: phases[0].balance: must be between -1 and 1 (got 1.5)");
    }

    @Test
    void unknownFieldMissingFieldAndUnknownProfileAreAllReported() {
        String bad = VALID.replace("    patient: p\n  - id: tens1", "    patiant: p\n  - id: tens1")
                .replace("profile: equilibrium-sim-tens", "profile: acme-zapper");
        assertThat(errorsOf(bad).errors()).containsExactly(
                "x.yaml:6: devices[0].patiant: unknown field; allowed: battery_drain_pct_per_hour, battery_pct, count, id, patient, profile, transport",
                "x.yaml:4: devices[0].patient: is required",
                "x.yaml:8: devices[1].profile: unknown profile 'acme-zapper'; known: generic-hrs-strap, polar-h10, "
                        + "equilibrium-sim-tens, equilibrium-sim-microcurrent",
                "x.yaml:17: stimulation[0].device: device 'tens1' (acme-zapper) is not a stimulator");
    }

    @Test
    void faultAimedAtTheWrongKindOfDeviceIsRejected() {
        String bad = VALID.replace("device: s1}", "device: tens1}");
        assertThat(errorsOf(bad).errors()).containsExactly(
                "x.yaml:19: faults[0].device: fault 'contact-loss' does not apply to device 'tens1' (equilibrium-sim-tens)");
    }

    @Test
    void rateFaultWithoutRateAndWrongTypesAreNamed() {
        String bad = VALID.replace("{type: contact-loss, at_s: 20, duration_s: 5, device: s1}",
                "{type: ectopic, at_s: soon, duration_s: 5}");
        assertThat(errorsOf(bad).errors()).containsExactly(
                "x.yaml:19: faults[0].at_s: must be an integer (got 'soon')",
                "x.yaml:19: faults[0].rate: is required");
    }

    @Test
    void yamlSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> ScenarioParser.parse("name: x\nseed: [1,\n", "y.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("y.yaml:3: not valid YAML");
    }

    @Test
    void scalingKeepsTheProportionsOfDeviceEntries() throws Exception {
        Scenario s = ScenarioParser.parse(VALID, "x.yaml").withDeviceTotal(7);
        assertThat(s.devices()).extracting(Scenario.DeviceSpec::count).containsExactly(4, 3);
    }
}
