package org.equilibrium.ingest;

import org.equilibrium.decode.RejectReason;

/**
 * A topic split per the wire contract: {@code [prefix]biofeedback/v1/{deviceId}/{stream}}.
 *
 * @param deviceRaw the device segment as received (null when the topic has none)
 * @param kind      the stream kind
 * @param stream    the stream, GATT UUIDs normalised (lower case; Bluetooth-base 128-bit form shortened
 *                  to 16 bits), e.g. {@code hr}, {@code gatt/2a37}
 * @param reject    why the topic itself is unacceptable, or null
 */
public record ParsedTopic(String deviceRaw, StreamKind kind, String stream, RejectReason reject) {

    public boolean rejected() {
        return reject != null;
    }
}
