package org.equilibrium.device.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.decode.stim.SimTensTelemetryCodec;
import org.junit.jupiter.api.Test;

/** The files in device-profiles/ (surefire runs in the project root). */
class ShippedProfilesTest {

    private static final Path SHIPPED = Path.of("device-profiles");
    private final ProfileRegistry registry = new ProfileLoader(DecoderRegistry.standard()).load(SHIPPED);

    @Test
    void everyShippedProfileLoadsClean() {
        assertThat(registry.loadReport().errors()).isEmpty();
        assertThat(registry.allProfiles()).extracting(DeviceProfile::id).containsExactly(
                "equilibrium-sim-microcurrent", "equilibrium-sim-tens", "garmin-hrm-pro", "generic-hrs-strap",
                "mqtt-hr-json", "mqtt-microcurrent-generic", "mqtt-tens-generic", "polar-h10");
    }

    @Test
    void fileNameIsTheProfileId() {
        for (DeviceProfile p : registry.allProfiles()) {
            assertThat(p.source()).isEqualTo(p.id() + ".yaml");
        }
    }

    @Test
    void blePolarH10WinsOverTheGenericStrapAndOtherStrapsFallBackToIt() {
        assertThat(registry.matchBle("Polar H10 1A2B3C4D", List.of("0000180d-0000-1000-8000-00805f9b34fb")))
                .map(DeviceProfile::id).contains("polar-h10");
        // a scan response without the service list still finds the H10 by name
        assertThat(registry.matchBle("Polar H10 1A2B3C4D", List.of())).map(DeviceProfile::id).contains("polar-h10");
        assertThat(registry.matchBle("HRM-Pro:677868", List.of("180D"))).map(DeviceProfile::id)
                .contains("garmin-hrm-pro");
        assertThat(registry.matchBle("Polar H9 1A2B3C4D", List.of("180d"))).map(DeviceProfile::id)
                .contains("generic-hrs-strap");
        assertThat(registry.matchBle("TICKR 1234", List.of("0x180D", "not-a-uuid"))).map(DeviceProfile::id)
                .contains("generic-hrs-strap");
        assertThat(registry.matchBle("Polar H10 1A2B3C4", List.of())).isEmpty();
        assertThat(registry.matchBle(null, List.of("180f"))).isEmpty();
    }

    @Test
    void simulatorUnitsAreToldApartByName() {
        List<String> sim = List.of(SimTensTelemetryCodec.SERVICE_UUID.toUpperCase());
        assertThat(registry.matchBle("Equilibrium TENS 01", sim)).map(DeviceProfile::id).contains("equilibrium-sim-tens");
        assertThat(registry.matchBle("Equilibrium Microcurrent", sim)).map(DeviceProfile::id)
                .contains("equilibrium-sim-microcurrent");
    }

    @Test
    void mqttStreamsResolveToTheirDecodersWhateverTheUuidForm() {
        assertThat(registry.decoderForMqttStream("hr").orElseThrow().name()).isEqualTo("json-hr");
        assertThat(registry.decoderForMqttStream("stim").orElseThrow().name()).isEqualTo("json-stim");
        assertThat(registry.decoderForMqttStream("status").orElseThrow().name()).isEqualTo("json-status");
        assertThat(registry.decoderForMqttStream("gatt/2a37").orElseThrow().name()).isEqualTo("ble-hrm-2a37");
        assertThat(registry.decoderForMqttStream("gatt/2A37").orElseThrow().name()).isEqualTo("ble-hrm-2a37");
        assertThat(registry.decoderForMqttStream("gatt/00002A37-0000-1000-8000-00805F9B34FB").orElseThrow().name())
                .isEqualTo("ble-hrm-2a37");
        assertThat(registry.decoderForMqttStream("gatt/2a19").orElseThrow().name()).isEqualTo("ble-battery-2a19");
        assertThat(registry.decoderForMqttStream("gatt/E9B10001-7C1A-4D5E-9F3B-5E7175696C69").orElseThrow().name())
                .isEqualTo("sim-tens-telemetry-v1");
        assertThat(registry.decoderForMqttStream("cmd")).isEmpty();
        assertThat(registry.decoderForMqttStream("gatt/zz")).isEmpty();
        assertThat(registry.decoderForMqttStream("gatt/2a38")).isEmpty();
    }

    @Test
    void resolvedDecodersDecodeTheirStreamsPayloads() {
        DecodeResult hr = registry.decoderForMqttStream("gatt/2a37").orElseThrow()
                .decode(new byte[] {0x16, 0x3c, 0x1a, 0x03}, 5L);
        assertThat(((DecodeResult.Decoded) hr).readings().get(0)).isInstanceOf(HeartRateReading.class);
        byte[] frame = SimTensTelemetryCodec.encode(new StimReading(0, 9L, Modality.MICROCURRENT,
                StimReading.State.RUNNING, "conventional", 1, 0.5, null, 300.0, true, null, 90, null));
        DecodeResult stim = registry.decoderForMqttStream("gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69")
                .orElseThrow().decode(frame, 5L);
        assertThat(((StimReading) ((DecodeResult.Decoded) stim).readings().get(0)).currentMicroamps())
                .isEqualTo(300.0);
    }

    @Test
    void stimulatorEnvelopesMatchTheirModality() {
        SafetyEnvelope tens = registry.byId("mqtt-tens-generic").orElseThrow().safety();
        assertThat(tens.modality()).isEqualTo(Modality.TENS);
        assertThat(tens.currentMicroamps().max()).isEqualTo(80_000);
        assertThat(tens.pulseWidthUs()).isEqualTo(new SafetyEnvelope.Range(50, 400));
        SafetyEnvelope micro = registry.byId("equilibrium-sim-microcurrent").orElseThrow().safety();
        assertThat(micro.modality()).isEqualTo(Modality.MICROCURRENT);
        assertThat(micro.currentMicroamps()).isEqualTo(new SafetyEnvelope.Range(10, 1000));
        assertThat(micro.frequencyHz().min()).isEqualTo(0.5);
        assertThat(micro.pulseWidthUs()).isNull();
        assertThat(registry.byId("polar-h10").orElseThrow().safetyEnvelope()).isEmpty();
    }

    @Test
    void profileKnowsItsOwnStreamDecoders() {
        DeviceProfile polar = registry.byId("polar-h10").orElseThrow();
        assertThat(polar.mqttDecoder("gatt/00002A37-0000-1000-8000-00805F9B34FB")).contains("ble-hrm-2a37");
        assertThat(polar.mqttDecoder("stim")).isEmpty();
    }
}
