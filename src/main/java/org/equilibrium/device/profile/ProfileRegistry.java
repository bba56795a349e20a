package org.equilibrium.device.profile;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.gatt.BatteryLevelDecoder;
import org.equilibrium.decode.gatt.HeartRateMeasurementDecoder;
import org.equilibrium.decode.json.HrJsonDecoder;
import org.equilibrium.decode.json.StatusJsonDecoder;
import org.equilibrium.decode.json.StimJsonDecoder;
import org.equilibrium.device.BleUuid;

/**
 * An immutable snapshot of the loaded device profiles: lookup by id, BLE recognition, and the decoder for each
 * MQTT stream. Thread-safe; build one with {@link ProfileLoader}.
 *
 * <p>MQTT streams map to one decoder across all profiles (a stream name means one wire format). The streams of
 * the wire contract ({@link #CONTRACT_STREAMS}) are always mapped, even when the profile that lists them failed
 * to load: the contract says the service must always accept them. Profiles may add streams (e.g. the
 * simulator's {@code gatt/e9b10001-...}) and must agree with these.
 */
public final class ProfileRegistry {

    /** Streams of shared/contracts/mqtt-wire.md, normalised, and their decoders. */
    public static final Map<String, String> CONTRACT_STREAMS = Map.of(
            "hr", HrJsonDecoder.NAME,
            "stim", StimJsonDecoder.NAME,
            "status", StatusJsonDecoder.NAME,
            normalizeStream("gatt/2a37"), HeartRateMeasurementDecoder.NAME,
            normalizeStream("gatt/2a19"), BatteryLevelDecoder.NAME);

    private final Map<String, DeviceProfile> byId;
    private final List<DeviceProfile> sorted;
    private final Map<String, PayloadDecoder> mqttDecoders;
    private final ProfileLoadReport report;

    /**
     * @throws IllegalArgumentException on duplicate ids, a decoder name the registry lacks, or a stream mapped to
     *                                  two decoders ({@link ProfileLoader} reports these per file before building)
     */
    public ProfileRegistry(Collection<DeviceProfile> profiles, DecoderRegistry decoders, ProfileLoadReport report) {
        Map<String, DeviceProfile> ids = new LinkedHashMap<>();
        Map<String, String> streams = new LinkedHashMap<>(CONTRACT_STREAMS);
        for (DeviceProfile p : profiles) {
            if (ids.put(p.id(), p) != null) {
                throw new IllegalArgumentException("duplicate profile id " + p.id());
            }
            for (StreamSpec.MqttStream s : p.mqttStreams()) {
                String prior = streams.putIfAbsent(s.stream(), s.decoder());
                if (prior != null && !prior.equals(s.decoder())) {
                    throw new IllegalArgumentException(p.id() + ": stream " + s.stream() + " -> " + s.decoder()
                            + " conflicts with " + prior);
                }
            }
        }
        Map<String, PayloadDecoder> resolved = new LinkedHashMap<>();
        streams.forEach((stream, name) -> resolved.put(stream, decoders.find(name).orElseThrow(
                () -> new IllegalArgumentException("no decoder named " + name + " for stream " + stream))));
        this.byId = Map.copyOf(ids);
        this.sorted = ids.values().stream().sorted(Comparator.comparing(DeviceProfile::id)).toList();
        this.mqttDecoders = Map.copyOf(resolved);
        this.report = report;
    }

    public Optional<DeviceProfile> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every loaded profile, ordered by id. */
    public List<DeviceProfile> allProfiles() {
        return sorted;
    }

    public ProfileLoadReport loadReport() {
        return report;
    }

    /**
     * The profile that best fits a BLE advertisement (see {@link Recognition#score}); ties go to the smaller id,
     * so the answer is deterministic.
     *
     * @param localName      advertised local name, or null
     * @param advertisedUuids advertised service UUIDs in any form {@link BleUuid#parse} accepts; unparseable ones
     *                       are ignored
     */
    public Optional<DeviceProfile> matchBle(String localName, Collection<String> advertisedUuids) {
        List<BleUuid> uuids = advertisedUuids.stream().map(BleUuid::tryParse).flatMap(Optional::stream).toList();
        DeviceProfile best = null;
        int bestScore = 0;
        for (DeviceProfile p : sorted) {
            int s = p.recognition().score(localName, uuids);
            if (s > bestScore) {
                best = p;
                bestScore = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The decoder for an MQTT stream ({@code hr}, {@code gatt/2A37}, {@code gatt/00002a37-0000-1000-8000-00805f9b34fb},
     * ...), or empty for a stream no profile and not the contract defines.
     */
    public Optional<PayloadDecoder> decoderForMqttStream(String stream) {
        if (stream == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mqttDecoders.get(normalizeStream(stream)));
    }

    /** Every mapped MQTT stream (normalised) and its decoder name. */
    public Map<String, String> mqttStreams() {
        Map<String, String> out = new LinkedHashMap<>();
        mqttDecoders.forEach((k, v) -> out.put(k, v.name()));
        return Map.copyOf(out);
    }

    /**
     * The form streams are compared in: {@code gatt/} + canonical 128-bit lower-case UUID for GATT streams
     * (so {@code gatt/2A37} and {@code gatt/00002a37-0000-1000-8000-00805f9b34fb} are one stream); any other
     * stream name as given. An unparseable {@code gatt/} suffix is returned unchanged and so matches nothing.
     */
    public static String normalizeStream(String stream) {
        if (stream.startsWith("gatt/")) {
            return BleUuid.tryParse(stream.substring(5)).map(u -> "gatt/" + u.value()).orElse(stream);
        }
        return stream;
    }
}
