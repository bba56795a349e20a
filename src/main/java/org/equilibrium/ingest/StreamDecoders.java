package org.equilibrium.ingest;

import java.util.Optional;
import org.equilibrium.decode.PayloadDecoder;

/**
 * Which decoder reads an MQTT stream ({@code hr}, {@code stim}, {@code status}, {@code gatt/{uuid}}).
 * Implemented over the device profiles; ingest resolves once per device and stream, not per message.
 */
@FunctionalInterface
public interface StreamDecoders {
    Optional<PayloadDecoder> forStream(String stream);
}
