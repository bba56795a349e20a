package org.equilibrium.decode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.equilibrium.decode.gatt.BatteryLevelDecoder;
import org.equilibrium.decode.gatt.HeartRateMeasurementDecoder;
import org.equilibrium.decode.json.HrJsonDecoder;
import org.equilibrium.decode.json.StatusJsonDecoder;
import org.equilibrium.decode.json.StimJsonDecoder;
import org.equilibrium.decode.stim.SimTensTelemetryCodec;

/**
 * Every decoder by the name device profiles use ({@code decoder: ble-hrm-2a37}). Immutable; the decoders are
 * stateless, so one registry serves all threads.
 */
public final class DecoderRegistry {

    private final Map<String, PayloadDecoder> byName;

    private DecoderRegistry(List<PayloadDecoder> decoders) {
        Map<String, PayloadDecoder> m = new LinkedHashMap<>();
        for (PayloadDecoder d : decoders) {
            if (m.put(d.name(), d) != null) {
                throw new IllegalArgumentException("two decoders named " + d.name());
            }
        }
        this.byName = Map.copyOf(m);
    }

    /** The built-in decoders: 0x2A37, 0x2A19, the contract's hr/stim/status JSON, sim-tens-telemetry-v1. */
    public static DecoderRegistry standard() {
        return new DecoderRegistry(List.of(new HeartRateMeasurementDecoder(), new BatteryLevelDecoder(),
                new HrJsonDecoder(), new StimJsonDecoder(), new StatusJsonDecoder(), new SimTensTelemetryCodec()));
    }

    /** A registry of exactly these decoders (for tests and extensions). */
    public static DecoderRegistry of(List<PayloadDecoder> decoders) {
        return new DecoderRegistry(decoders);
    }

    public Optional<PayloadDecoder> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Collection<PayloadDecoder> all() {
        return byName.values();
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
