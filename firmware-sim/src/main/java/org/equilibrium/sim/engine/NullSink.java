package org.equilibrium.sim.engine;

/** A sink without transport ({@code --broker none}): runs the models headless, e.g. to time them. */
public final class NullSink implements SimSink {
    @Override
    public void connect(DeviceInfo device, byte[] onlineStatus, byte[] offlineWill) {
    }

    @Override
    public void disconnect(DeviceInfo device, byte[] offlineStatus, boolean graceful) {
    }

    @Override
    public boolean publish(DeviceInfo device, String stream, byte[] payload, long tsEpochMs, boolean retained) {
        return true;
    }

    @Override
    public void close() {
    }
}
