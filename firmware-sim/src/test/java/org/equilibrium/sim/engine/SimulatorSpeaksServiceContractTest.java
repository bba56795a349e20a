package org.equilibrium.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.equilibrium.decode.ContractRanges;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.device.profile.ProfileLoader;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's firmware encoders and the service's decoders were written independently from the
 * wire contract; this holds them together: every message every shipped scenario emits on a data
 * stream decodes with the decoder the device profiles name for that stream, within the contract's
 * ranges, and the raw 0x2A37 twin of a JSON {@code hr} message carries the same heart rate and RR.
 */
class SimulatorSpeaksServiceContractTest {

    private static final ProfileRegistry PROFILES =
            new ProfileLoader(DecoderRegistry.standard()).load(Path.of("device-profiles"));

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("firmware-sim", "scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyDataMessageDecodesWithTheProfilesDecoder(Path file) throws Exception {
        Scenario s = ScenarioParser.parse(Files.readString(file), file.getFileName().toString());
        s = s.withDurationS(Math.min(s.durationS(), 600));
        if (s.deviceCount() > 10) {
            s = s.withDeviceTotal(10);
        }
        RecordingSink sink = ShippedScenariosTest.runHeadless(s);
        int decoded = 0;
        List<String> failures = new ArrayList<>();
        for (RecordingSink.Message m : sink.messages) {
            if (m.stream().equals("truth") || m.stream().equals("cmd/ack")) {
                continue; // informational streams, not decoded by the service
            }
            Optional<PayloadDecoder> decoder = PROFILES.decoderForMqttStream(m.stream());
            assertThat(decoder).as("decoder for stream %s", m.stream()).isPresent();
            DecodeResult r = ContractRanges.check(decoder.get().decode(m.payload(), Math.max(m.tsEpochMs(), 0)));
            if (r instanceof DecodeResult.Rejected rej) {
                failures.add(m.deviceId() + " " + m.stream() + ": " + rej.reason() + " " + rej.detail());
            } else {
                decoded++;
            }
        }
        assertThat(failures).as("messages the service would reject").isEmpty();
        assertThat(decoded).isGreaterThan(100);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void rawHeartRateTwinCarriesTheSameValuesAsTheJson(Path file) throws Exception {
        Scenario s = ScenarioParser.parse(Files.readString(file), file.getFileName().toString());
        s = s.withDurationS(Math.min(s.durationS(), 300));
        if (s.deviceCount() > 10) {
            s = s.withDeviceTotal(10);
        }
        RecordingSink sink = ShippedScenariosTest.runHeadless(s);
        PayloadDecoder json = PROFILES.decoderForMqttStream("hr").orElseThrow();
        PayloadDecoder gatt = PROFILES.decoderForMqttStream("gatt/2a37").orElseThrow();
        int pairs = 0;
        for (String device : sink.messages.stream().map(RecordingSink.Message::deviceId).distinct().toList()) {
            List<RecordingSink.Message> hr = sink.of(device, "hr");
            List<RecordingSink.Message> raw = sink.of(device, "gatt/2a37");
            if (hr.isEmpty() || raw.isEmpty()) {
                continue;
            }
            assertThat(raw).hasSameSizeAs(hr);
            for (int i = 0; i < hr.size(); i++) {
                HeartRateReading a = first(json.decode(hr.get(i).payload(), 0));
                HeartRateReading b = first(gatt.decode(raw.get(i).payload(), 0));
                assertThat(b.bpm()).isEqualTo(a.bpm());
                assertThat(b.contact()).isEqualTo(a.contact());
                assertThat(b.rrCount()).isEqualTo(a.rrCount());
                for (int k = 0; k < a.rrCount(); k++) {
                    // JSON carries the 1/1024-s value in ms with limited decimals
                    assertThat(b.rrMs(k)).isCloseTo(a.rrMs(k), org.assertj.core.data.Offset.offset(0.06));
                }
                pairs++;
            }
        }
        if (file.getFileName().toString().startsWith("stress-then-calm")) {
            assertThat(pairs).isGreaterThan(0);
        }
    }

    private static HeartRateReading first(DecodeResult r) {
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return (HeartRateReading) ((DecodeResult.Decoded) r).readings().get(0);
    }
}
