package org.equilibrium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.equilibrium.analysis.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HrvCommandTest {
    static final List<String> REQUIRED_KEYS = List.of("beats", "duration_s", "corrected_beats", "artefacts",
            "mean_nn_ms", "sdnn_ms", "rmssd_ms", "sdsd_ms", "pnn50_pct", "pnn20_pct", "mean_hr_bpm", "vlf_ms2",
            "lf_ms2", "hf_ms2", "lf_hf", "lf_nu", "hf_nu", "hf_peak_hz", "resp_rate_bpm", "sd1_ms", "sd2_ms",
            "dfa_alpha1", "dfa_alpha2", "baevsky_si", "stress_index", "pns_index", "sns_index", "coherence", "quality");

    private final ObjectMapper json = new ObjectMapper();

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new HrvCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<Path> recordings() throws IOException {
        return Files.list(TestData.rrDir()).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void everySharedRecordingRunsThroughEveryOption(Path file) throws IOException {
        for (String[] extra : new String[][] {{}, {"--correction", "none"}, {"--correction", "threshold-medium"},
                {"--method", "lomb"}, {"--window-s", "60", "--start-s", "120"}}) {
            String[] args = Stream.concat(Stream.of("analyze", file.toString()), Stream.of(extra)).toArray(String[]::new);
            Run r = run(args);
            assertThat(r.exit()).as("exit of %s %s", file, String.join(" ", extra)).isZero();
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            JsonNode node = json.readTree(r.out());
            for (String key : REQUIRED_KEYS) {
                assertThat(node.has(key)).as("%s has %s", file.getFileName(), key).isTrue();
            }
            assertThat(node.get("quality").asText()).isIn("ok", "low-coverage", "too-many-artefacts");
            assertThat(node.get("beats").asInt()).isPositive();
            assertThat(node.get("mean_nn_ms").asDouble()).isBetween(300.0, 1500.0);
        }
        Run text = run("analyze", file.toString(), "--format", "text");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("RMSSD").contains("quality");
    }

    @Test
    void pvcRecordingComesOutUnreliable() throws IOException {
        JsonNode node = json.readTree(run("analyze", TestData.rrFile("polar_h10_pvc").toString()).out());
        assertThat(node.get("quality").asText()).isEqualTo("too-many-artefacts");
        assertThat(node.get("pns_index").isNull()).isTrue();
        assertThat(node.get("sns_index").isNull()).isTrue();
    }

    @Test
    void firstFiveMinutesAreTheIntervalsEndingWithinThem() throws IOException {
        JsonNode node = json.readTree(run("analyze", TestData.rrFile("rhb_rest").toString(), "--correction", "none").out());
        assertThat(node.get("beats").asInt()).isEqualTo(284);
        assertThat(node.get("duration_s").asDouble()).isLessThanOrEqualTo(300.0);
        assertThat(node.get("corrected_beats").asInt()).isZero();
        assertThat(node.get("artefacts").get("ectopic").asInt()).isZero();
    }

    @Test
    void shortWindowGivesNullsAndSaysWhy() throws IOException {
        Run r = run("analyze", TestData.rrFile("rhb_rest").toString(), "--window-s", "30");
        assertThat(r.exit()).isZero();
        JsonNode node = json.readTree(r.out());
        assertThat(node.get("lf_ms2").isNull()).isTrue();
        assertThat(node.get("hf_ms2").isNull()).isTrue();
        assertThat(node.get("vlf_ms2").isNull()).isTrue();
        assertThat(node.get("dfa_alpha2").isNull()).isTrue();
        assertThat(node.get("rmssd_ms").isNumber()).isTrue();
        assertThat(r.err()).contains("note: LF needs 120 s of beats");
    }

    @Test
    void missingFileIsAClearErrorNotAStackTrace() {
        Run r = run("analyze", "/nonexistent/rr.txt");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no such file: /nonexistent/rr.txt").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void nonNumberLineNamesTheLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "# header\n800\nabc\n820\n");
        Run r = run("analyze", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 3: 'abc' is not a number");
        Files.writeString(f, "800\n-5\n");
        assertThat(run("analyze", f.toString()).err()).contains("line 2: -5 is not a positive RR interval");
        Files.writeString(f, "# only comments\n");
        assertThat(run("analyze", f.toString()).err()).contains("holds no RR intervals");
    }

    @Test
    void windowAfterTheEndOfTheFileIsAClearError() {
        Run r = run("analyze", TestData.rrFile("rhb_rest").toString(), "--start-s", "5000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no beats in the window");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("analyze").err()).contains("FILE is missing");
        assertThat(run("analyze", "x.txt", "--method", "fft").err()).contains("--method must be welch or lomb");
        assertThat(run("analyze", "x.txt", "--correction", "strong").err()).contains("unknown correction");
        assertThat(run("analyze", "x.txt", "--window-s", "abc").err()).contains("--window-s needs a number");
        assertThat(run("analyze", "x.txt", "--window-s", "0").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        Run help = run("analyze", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("usage: ./equilibrium hrv analyze FILE");
    }
}
