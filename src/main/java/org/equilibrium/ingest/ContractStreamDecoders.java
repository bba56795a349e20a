package org.equilibrium.ingest;

import java.util.Map;
import java.util.Optional;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.PayloadDecoder;

/**
 * The fixed stream-to-decoder mapping of the wire contract and the simulator TENS (hr → json-hr,
 * stim → json-stim, status → json-status, gatt/2a37 → ble-hrm-2a37, gatt/2a19 → ble-battery-2a19,
 * gatt/e9b10001-… → sim-tens-telemetry-v1). Streams arrive normalised by {@link TopicParser}. For running the
 * ingest core without device profiles (tests, benchmarks); the service maps streams through the profiles.
 */
public final class ContractStreamDecoders implements StreamDecoders {
    private static final Map<String, String> NAMES = Map.of(
            "hr", "json-hr",
            "stim", "json-stim",
            "status", "json-status",
            "gatt/2a37", "ble-hrm-2a37",
            "gatt/2a19", "ble-battery-2a19",
            "gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69", "sim-tens-telemetry-v1");

    private final DecoderRegistry decoders;

    public ContractStreamDecoders(DecoderRegistry decoders) {
        this.decoders = decoders;
    }

    @Override
    public Optional<PayloadDecoder> forStream(String stream) {
        String name = NAMES.get(stream);
        return name == null ? Optional.empty() : decoders.find(name);
    }
}
