package org.equilibrium.sim.engine;

/**
 * Where simulated devices' messages go: the transport-independent port of the simulator. The MQTT
 * adapter publishes them; tests record them; a future BLE adapter would serve them as GATT
 * notifications. Streams are the wire contract's ({@code hr}, {@code stim}, {@code status},
 * {@code gatt/2a37}, {@code gatt/2a19}, {@code gatt/e9b10001-…}, {@code cmd/ack}) plus the
 * simulator's {@code truth}.
 *
 * <p>All methods are called from the simulation thread only.
 */
public interface SimSink extends AutoCloseable {

    /**
     * The device comes online: its link is established with {@code offlineWill} as last will, then
     * {@code onlineStatus} is published retained.
     */
    void connect(DeviceInfo device, byte[] onlineStatus, byte[] offlineWill);

    /**
     * The device goes away. Graceful: {@code offlineStatus} is published retained, then the link is
     * closed. Abrupt: the link just drops (a broker holding a will publishes it; where the transport
     * cannot hold a per-device will, the adapter publishes {@code offlineStatus} itself).
     */
    void disconnect(DeviceInfo device, byte[] offlineStatus, boolean graceful);

    /**
     * Publishes one message of a connected device.
     *
     * @param tsEpochMs device time of the message (the virtual clock)
     * @return false when the transport dropped it (counted by the adapter)
     */
    boolean publish(DeviceInfo device, String stream, byte[] payload, long tsEpochMs, boolean retained);

    /** Commands addressed to devices arrive here; the adapter calls it from its own threads. */
    default void setCommandListener(CommandListener listener) {
    }

    /** Messages the transport failed to deliver so far. */
    default long failures() {
        return 0;
    }

    @Override
    void close();

    /** Receives a {@code cmd} payload for a device id. Must be thread-safe and not block. */
    @FunctionalInterface
    interface CommandListener {
        void command(String deviceId, byte[] payload);
    }
}
