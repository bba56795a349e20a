package org.equilibrium.device.profile;

import java.util.List;
import java.util.Optional;

/**
 * One device model, as described by a file in {@code device-profiles/} (schema: device-profiles/README.md).
 *
 * @param id          stable id, e.g. {@code polar-h10}; devices announce it as {@code status.model}
 * @param displayName human name
 * @param kind        what the device measures or does
 * @param vendor      maker, or "generic"
 * @param recognition how a BLE scan recognises it (may recognise nothing: MQTT-only models)
 * @param bleStreams  GATT characteristics the service subscribes to or reads
 * @param mqttStreams MQTT streams ({@code biofeedback/v1/{deviceId}/{stream}}) the model publishes
 * @param safety      the stimulation limits of a {@link Kind#STIMULATOR}; null for sensors
 * @param source      the file it was loaded from, for messages
 */
public record DeviceProfile(String id, String displayName, Kind kind, String vendor, Recognition recognition,
                            List<StreamSpec.BleStream> bleStreams, List<StreamSpec.MqttStream> mqttStreams,
                            SafetyEnvelope safety, String source) {

    public DeviceProfile {
        bleStreams = List.copyOf(bleStreams);
        mqttStreams = List.copyOf(mqttStreams);
        if ((kind == Kind.STIMULATOR) != (safety != null)) {
            throw new IllegalArgumentException(id + ": a stimulator needs a safety envelope, a sensor has none");
        }
    }

    public enum Kind {
        HR_SENSOR("hr-sensor"), STIMULATOR("stimulator");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** The safety envelope, present exactly for stimulators. */
    public Optional<SafetyEnvelope> safetyEnvelope() {
        return Optional.ofNullable(safety);
    }

    /** The decoder name for one of this model's MQTT streams (stream compared as {@link ProfileRegistry#normalizeStream}). */
    public Optional<String> mqttDecoder(String stream) {
        String key = ProfileRegistry.normalizeStream(stream);
        return mqttStreams.stream().filter(s -> s.stream().equals(key)).map(StreamSpec::decoder).findFirst();
    }
}
