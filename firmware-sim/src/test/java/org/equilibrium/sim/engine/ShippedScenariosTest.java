package org.equilibrium.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioParser;
import org.equilibrium.sim.testutil.RrSpectrum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario runs headless at max speed (shortened) and stays physiological and in contract. */
class ShippedScenariosTest {
    static final Path DIR = Path.of("firmware-sim", "scenarios");

    static Stream<Path> scenarios() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("relaxation-session.yaml",
                "stress-then-calm.yaml", "tens-pain-session.yaml", "flaky-strap.yaml", "clinic-load.yaml");
        return files.stream();
    }

    static RecordingSink runHeadless(Scenario s) {
        RecordingSink sink = new RecordingSink();
        Simulation sim = new Simulation(s, 1_763_740_800_000L, sink, null);
        Runner.run(sim, Double.POSITIVE_INFINITY, (x, w, d) -> { }, () -> false);
        return sink;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyStrapStaysPhysiologicalAndEveryMessageKeepsTheContract(Path file) throws Exception {
        Scenario s = ScenarioParser.parse(Files.readString(file), file.getFileName().toString());
        s = s.withDurationS(Math.min(s.durationS(), 900));
        if (s.deviceCount() > 20) {
            s = s.withDeviceTotal(20);
        }
        RecordingSink sink = runHeadless(s);
        Simulation probe = new Simulation(s, 0, new NullSink(), null);
        int straps = 0;
        for (DeviceInfo d : probe.devices()) {
            if (d.stimulator()) {
                List<String> stim = sink.texts(d.id(), "stim");
                if (!stim.isEmpty()) {
                    long maxUa = d.profile().contains("tens") ? 80_000 : 1_000;
                    assertThat(stim).allSatisfy(j -> assertThat(j).matches(".*\"current_ua\":(\\d+).*")
                            .satisfies(x -> assertThat(Long.parseLong(x.replaceAll(".*\"current_ua\":(\\d+).*", "$1")))
                                    .isBetween(0L, maxUa)));
                }
                continue;
            }
            straps++;
            List<String> hr = sink.texts(d.id(), "hr");
            double[] rr = HrStream.rr(hr).stream().mapToDouble(HrStream.Rr::rrMs).toArray();
            if (hr.isEmpty()) {
                // gatt-only device: its JSON twin is not published; the raw form is checked elsewhere
                assertThat(sink.of(d.id(), "gatt/2a37")).isNotEmpty();
                continue;
            }
            assertThat(rr.length).as("%s RR count", d.id()).isGreaterThan(200);
            assertThat(RrSpectrum.mean(rr)).as("%s mean RR", d.id()).isBetween(500.0, 1300.0);
            assertThat(RrSpectrum.sd(rr)).as("%s SD RR", d.id()).isBetween(15.0, 200.0);
            assertThat(hr).allSatisfy(j -> {
                assertThat(HrStream.bpm(j)).isBetween(20, 250);
                for (double v : HrStream.rrOf(j)) {
                    assertThat(v).isBetween(200.0, 3000.0);
                }
            });
        }
        assertThat(straps).isPositive();
    }
}
