package org.equilibrium.device.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.StimReading.Modality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

    private final ProfileLoader loader = new ProfileLoader(DecoderRegistry.standard());

    @TempDir
    Path dir;

    static final String STRAP = """
            id: strap-a
            display_name: Strap A
            kind: hr-sensor
            vendor: ACME
            recognition:
              ble:
                local_name: "Strap A [0-9]{4}"
                services: ["180d"]
            streams:
              ble:
                - service: "180d"
                  characteristic: "2a37"
                  decoder: ble-hrm-2a37
                  access: notify
              mqtt:
                - stream: gatt/2A37
                  decoder: ble-hrm-2a37
            """;

    static final String TENS = """
            id: tens-a
            display_name: TENS A
            kind: stimulator
            vendor: ACME
            streams:
              mqtt:
                - stream: stim
                  decoder: json-stim
            safety:
              modality: tens
              current_ua: {min: 0, max: 80000}
              frequency_hz: {min: 1, max: 150}
              pulse_width_us: {min: 50, max: 400}
              max_ramp_ua_per_s: 1000
              max_session_s: 3600
            """;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private List<ProfileError> errorsOf(String name, String text) throws IOException {
        write(name, text);
        ProfileRegistry r = loader.load(dir);
        assertThat(r.byId("strap-a")).as("the good file still loads").isPresent();
        assertThat(r.loadReport().skippedFiles()).containsExactly(name);
        return r.loadReport().errors();
    }

    @Test
    void loadsValidFilesIntoTypedProfiles() throws IOException {
        write("a.yaml", STRAP);
        write("b.yml", TENS);
        write("notes.txt", "not a profile");
        ProfileRegistry r = loader.load(dir);
        assertThat(r.loadReport().clean()).isTrue();
        assertThat(r.loadReport().loadedFiles()).containsExactly("a.yaml", "b.yml");
        DeviceProfile tens = r.byId("tens-a").orElseThrow();
        assertThat(tens.kind()).isEqualTo(DeviceProfile.Kind.STIMULATOR);
        SafetyEnvelope s = tens.safety();
        assertThat(s.modality()).isEqualTo(Modality.TENS);
        assertThat(s.currentMicroamps()).isEqualTo(new SafetyEnvelope.Range(0, 80000));
        assertThat(s.frequencyHz()).isEqualTo(new SafetyEnvelope.Range(1, 150));
        assertThat(s.pulseWidthUs()).isEqualTo(new SafetyEnvelope.Range(50, 400));
        assertThat(s.maxRampMicroampsPerS()).isEqualTo(1000.0);
        assertThat(s.maxSessionS()).isEqualTo(3600);
        DeviceProfile strap = r.byId("strap-a").orElseThrow();
        assertThat(strap.safety()).isNull();
        assertThat(strap.bleStreams()).hasSize(1);
        assertThat(strap.bleStreams().get(0).characteristic().value())
                .isEqualTo("00002a37-0000-1000-8000-00805f9b34fb");
        assertThat(strap.mqttStreams().get(0).stream()).isEqualTo("gatt/00002a37-0000-1000-8000-00805f9b34fb");
        assertThat(strap.source()).isEqualTo("a.yaml");
    }

    @Test
    void badYamlIsReportedWithFileAndLine() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("broken.yaml", "id: x\ndisplay_name: [unclosed\nkind: hr-sensor\n");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).file()).isEqualTo("broken.yaml");
        assertThat(errors.get(0).line()).isNotNull();
        assertThat(errors.get(0).problem()).startsWith("not valid YAML");
    }

    @Test
    void wrongTypeNamesFieldPathAndLine() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("t.yaml", TENS.replace("max: 80000", "max: lots"));
        assertThat(errors).extracting(ProfileError::field).containsExactly("safety.current_ua.max");
        assertThat(errors.get(0).line()).isEqualTo(11);
        assertThat(errors.get(0).problem()).contains("must be a decimal number").contains("'lots'");
        assertThat(errors.get(0).toString()).isEqualTo(
                "t.yaml:11: safety.current_ua.max: must be a decimal number, is the string 'lots'");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("t.yaml", TENS.replace("vendor: ACME\n", ""));
        assertThat(errors).extracting(ProfileError::field, ProfileError::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vendor", "required field is missing"));
    }

    @Test
    void stimulatorWithoutSafetyEnvelopeIsRefused() throws IOException {
        write("a.yaml", STRAP);
        String noSafety = TENS.substring(0, TENS.indexOf("safety:"));
        assertThat(errorsOf("t.yaml", noSafety)).extracting(ProfileError::field).containsExactly("safety");
    }

    @Test
    void unknownDecoderIsNamedWithTheKnownOnes() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("t.yaml", TENS.replace("decoder: json-stim", "decoder: json-stimm"));
        assertThat(errors).extracting(ProfileError::field).containsExactly("streams.mqtt[0].decoder");
        assertThat(errors.get(0).problem()).contains("unknown decoder 'json-stimm'").contains("json-stim,");
        assertThat(errors.get(0).line()).isEqualTo(8);
    }

    @Test
    void minAboveMaxIsRefused() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("t.yaml", TENS.replace("{min: 1, max: 150}", "{min: 200, max: 150}"));
        assertThat(errors).extracting(ProfileError::field).containsExactly("safety.frequency_hz.max");
        assertThat(errors.get(0).problem()).isEqualTo("max 150 is below min 200");
    }

    @Test
    void duplicateIdRefusesTheLaterFileAndNamesTheFirst() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("b.yaml", STRAP.replace("Strap A [", "Strap B ["));
        assertThat(errors).extracting(ProfileError::field).containsExactly("id");
        assertThat(errors.get(0).problem()).isEqualTo("duplicate id 'strap-a', already defined by a.yaml");
        assertThat(errors.get(0).line()).isEqualTo(1);
    }

    @Test
    void badRegexIsRefusedWithItsPosition() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("b.yaml", STRAP.replace("strap-a", "strap-b")
                .replace("Strap A [0-9]{4}", "Strap B [0-9"));
        assertThat(errors).extracting(ProfileError::field).containsExactly("recognition.ble.local_name");
        assertThat(errors.get(0).problem()).startsWith("not a valid regular expression");
        assertThat(errors.get(0).line()).isEqualTo(7);
    }

    @Test
    void streamMappedToAnotherDecoderThanTheContractIsRefused() throws IOException {
        write("a.yaml", STRAP);
        List<ProfileError> errors = errorsOf("t.yaml", TENS.replace("decoder: json-stim", "decoder: json-hr"));
        assertThat(errors).extracting(ProfileError::field).containsExactly("streams.mqtt[0].decoder");
        assertThat(errors.get(0).problem()).contains("'stim' is decoded by 'json-stim' (the wire contract)");
    }

    @Test
    void streamMappedToTwoDecodersAcrossProfilesRefusesTheLaterFile() throws IOException {
        String custom = "gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69";
        write("a.yaml", STRAP);
        write("b.yaml", TENS.replace("stream: stim\n      decoder: json-stim",
                "stream: " + custom + "\n      decoder: sim-tens-telemetry-v1"));
        List<ProfileError> errors = errorsOf("c.yaml", TENS.replace("tens-a", "tens-c").replace(
                "stream: stim\n      decoder: json-stim", "stream: " + custom.toUpperCase().replace("GATT", "gatt")
                        + "\n      decoder: ble-hrm-2a37"));
        assertThat(errors).extracting(ProfileError::file, ProfileError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c.yaml", "streams.mqtt[0].decoder"));
        assertThat(errors.get(0).problem()).contains("(b.yaml)");
    }

    @Test
    void collectsEveryErrorOfAFileNotJustTheFirst() throws IOException {
        write("a.yaml", STRAP);
        String many = TENS.replace("kind: stimulator", "kind: stimulator\ncolour: blue")
                .replace("modality: tens", "modality: ems")
                .replace("max_session_s: 3600", "max_session_s: 1.5")
                .replace("stream: stim", "stream: stimulus");
        assertThat(errorsOf("t.yaml", many)).extracting(ProfileError::field).containsExactlyInAnyOrder(
                "colour", "safety.modality", "safety.max_session_s", "streams.mqtt[0].stream");
    }

    @Test
    void envelopeValuesBeyondPlausibilityAreRefused() throws IOException {
        write("a.yaml", STRAP);
        assertThat(errorsOf("t.yaml", TENS.replace("max: 80000", "max: 800000"))).extracting(ProfileError::field)
                .containsExactly("safety.current_ua.max");
        String micro = TENS.replace("modality: tens", "modality: microcurrent");
        assertThat(errorsOf("t.yaml", micro)).extracting(ProfileError::field, ProfileError::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("safety.current_ua.max",
                        "80000 exceeds the plausibility ceiling 1000 for this field"));
    }

    @Test
    void badUuidAndSafetyOnASensorAreRefused() throws IOException {
        write("a.yaml", STRAP);
        String bad = STRAP.replace("strap-a", "strap-b").replace("characteristic: \"2a37\"", "characteristic: 2a3")
                + "safety:\n  modality: tens\n";
        assertThat(errorsOf("b.yaml", bad)).extracting(ProfileError::field)
                .containsExactlyInAnyOrder("streams.ble[0].characteristic", "safety");
    }

    @Test
    void unquotedNumericUuidIsReadAsText() throws IOException {
        write("a.yaml", STRAP.replace("services: [\"180d\"]", "services: [1800]"));
        ProfileRegistry r = loader.load(dir);
        assertThat(r.loadReport().errors()).isEmpty();
        assertThat(r.byId("strap-a").orElseThrow().recognition().advertisedServices().get(0).compact())
                .isEqualTo("1800");
    }

    @Test
    void refusesYamlThatWouldBuildObjectsOrBombs() throws IOException {
        write("a.yaml", STRAP);
        String tagged = TENS.replace("vendor: ACME", "vendor: !!javax.script.ScriptEngineManager [x]");
        List<ProfileError> tagErrors = errorsOf("t.yaml", tagged);
        // SnakeYAML 2's tag inspector refuses global tags while composing, before any type could be resolved
        assertThat(tagErrors).hasSize(1);
        assertThat(tagErrors.get(0).problem()).contains("not valid YAML").contains("Global tag is not allowed");
        assertThat(tagErrors.get(0).line()).isEqualTo(4);
        Files.delete(dir.resolve("t.yaml"));
        String localTag = TENS.replace("vendor: ACME", "vendor: !acme ACME");
        assertThat(errorsOf("t.yaml", localTag)).extracting(ProfileError::field, ProfileError::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vendor",
                        "must be a string, is a value tagged !acme"));
        Files.delete(dir.resolve("t.yaml"));
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append("]\n");
        }
        List<ProfileError> errors = errorsOf("bomb.yaml", bomb.toString());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).problem()).contains("not valid YAML").containsIgnoringCase("alias");
    }

    @Test
    void emptyAndNonMappingFilesAreErrors() throws IOException {
        write("a.yaml", STRAP);
        assertThat(errorsOf("empty.yaml", "# nothing\n")).extracting(ProfileError::problem)
                .containsExactly("empty file");
        Files.delete(dir.resolve("empty.yaml"));
        assertThat(errorsOf("list.yaml", "- a\n- b\n").get(0).problem()).startsWith("must be a mapping");
    }

    @Test
    void missingFolderOrNoProfileFailsStartUpWithEveryError() throws IOException {
        ProfileRegistry none = loader.load(dir.resolve("nope"));
        assertThat(none.allProfiles()).isEmpty();
        assertThat(none.loadReport().clean()).isFalse();
        assertThatThrownBy(() -> ProfileLoader.requireAny(none)).isInstanceOf(ProfileLoader.NoProfilesException.class)
                .hasMessageContaining("does not exist");

        write("t.yaml", TENS.replace("max: 150", "max: x"));
        ProfileRegistry allBroken = loader.load(dir);
        assertThatThrownBy(() -> ProfileLoader.requireAny(allBroken))
                .hasMessageContaining("t.yaml:12: safety.frequency_hz.max");
        write("a.yaml", STRAP);
        assertThat(ProfileLoader.requireAny(loader.load(dir)).allProfiles()).hasSize(1);
    }
}
