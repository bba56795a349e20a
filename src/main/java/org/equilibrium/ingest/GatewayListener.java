package org.equilibrium.ingest;

/**
 * Receives the BLE gateways' own messages ({@code gateway/{gw}/scan}, {@code status}, {@code cmd},
 * {@code cmd/ack}; src/docs/ble.md) on an ingest worker thread, in arrival order per gateway. The payload is
 * not parsed by ingest (only its size is checked). Implementations must return quickly; an exception is
 * logged and does not stop ingest.
 */
public interface GatewayListener {

    /**
     * @param gatewayId the gateway id (the topic segment after {@code gateway/}, of device-id form)
     * @param stream    {@code scan}, {@code status}, {@code cmd} or {@code cmd/ack}
     * @param payload   the payload bytes (do not modify)
     * @param arrivalMs arrival time, epoch ms
     */
    void onGatewayMessage(String gatewayId, String stream, byte[] payload, long arrivalMs);
}
