package org.equilibrium.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static Scenario tensSession() throws Exception {
        return ScenarioParser.parse(Files.readString(ShippedScenariosTest.DIR.resolve("tens-pain-session.yaml")),
                "tens-pain-session.yaml").withDurationS(900);
    }

    @Test
    void sameSeedGivesTheSameStreamByteForByteAndAnotherSeedADifferentOne() throws Exception {
        Scenario s = tensSession();
        String a = ShippedScenariosTest.runHeadless(s).digest();
        String b = ShippedScenariosTest.runHeadless(s).digest();
        String c = ShippedScenariosTest.runHeadless(s.withSeed(s.seed() + 1)).digest();
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void streamsDoNotDependOnHowTheRunSlicesVirtualTime() throws Exception {
        Scenario s = tensSession();
        RecordingSink coarse = ShippedScenariosTest.runHeadless(s);
        RecordingSink fine = new RecordingSink();
        Simulation sim = new Simulation(s, 1_763_740_800_000L, fine, null);
        sim.start();
        for (long t = 0; t < sim.durationMs(); t = Math.min(sim.durationMs(), t + 137)) {
            sim.advanceTo(t);
        }
        sim.advanceTo(sim.durationMs());
        sim.finish();
        Set<String> streams = new HashSet<>();
        coarse.messages.forEach(m -> streams.add(m.deviceId() + " " + m.stream()));
        assertThat(streams).hasSizeGreaterThan(8);
        for (String key : streams) {
            String[] k = key.split(" ");
            assertThat(fine.texts(k[0], k[1])).as(key).isEqualTo(coarse.texts(k[0], k[1]));
        }
    }

    @Test
    void devicesHaveStableIdsAndDistinctClaimCodes() throws Exception {
        Scenario s = ScenarioParser.parse(Files.readString(ShippedScenariosTest.DIR.resolve("clinic-load.yaml")),
                "clinic-load.yaml").withDeviceTotal(500);
        var a = new Simulation(s, 0, new NullSink(), null).devices();
        var b = new Simulation(s, 0, new NullSink(), null).devices();
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).id()).isEqualTo("clinic-generic-00001");
        assertThat(a).extracting(DeviceInfo::claimCode).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}"));
    }
}
