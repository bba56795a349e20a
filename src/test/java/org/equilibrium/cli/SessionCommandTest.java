package org.equilibrium.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.equilibrium.analysis.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCommandTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new SessionCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String file(String name) {
        return TestData.rrFile(name).toString();
    }

    @Test
    void summaryOfAnExerciseRecordingShowsTheSympatheticPractice() {
        Run r = run("replay", file("rhb_exercise"), "--baseline-s", "180", "--practice-s", "1800");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("baseline").contains("practice").contains("recovery")
                .contains("Your heart rate rose by 25 beats per minute from baseline during practice.");
    }

    @Test
    void jsonAndFhirOutputsParse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode doc = json.readTree(run("replay", file("nsr004_night"), "--format", "json").out());
        assertThat(doc.at("/session/status").asText()).isEqualTo("ended");
        assertThat(doc.get("series").size()).isEqualTo(119);   // 600 s at 5-s cadence, ticks before the last beat
        JsonNode fhir = json.readTree(run("replay", file("nsr004_night"), "--format", "fhir").out());
        assertThat(fhir.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(fhir.get("entry").size()).isGreaterThan(0);
        assertThat(run("replay", file("nsr004_night"), "--format", "beats-csv").out())
                .startsWith("time_utc,epoch_ms,device,rr_ms\r\n2025-01-01T00:00:01.125Z,1735689601125,replay-strap,1125\r\n");
    }

    @Test
    void badInputAndUsageGiveClearErrors() {
        Run missing = run("replay", "/nonexistent/rr.txt");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file").doesNotContain("Exception");
        assertThat(run("replay", file("nsr004_night"), "--format", "xml").exit()).isEqualTo(2);
        assertThat(run("replay", file("nsr004_night"), "--baseline-s", "-5").err()).contains("must be >= 0");
        assertThat(run("replay").err()).contains("FILE is required");
        assertThat(run("play").exit()).isEqualTo(2);
    }
}
