package org.equilibrium.sim.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test sink: records every message in order. */
public final class RecordingSink implements SimSink {
    public record Message(String deviceId, String stream, byte[] payload, long tsEpochMs, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public final List<Message> messages = new ArrayList<>();
    public final List<String> events = new ArrayList<>();

    @Override
    public void connect(DeviceInfo device, byte[] onlineStatus, byte[] offlineWill) {
        events.add("connect " + device.id());
        messages.add(new Message(device.id(), "status", onlineStatus, -1, true));
    }

    @Override
    public void disconnect(DeviceInfo device, byte[] offlineStatus, boolean graceful) {
        events.add((graceful ? "disconnect " : "drop ") + device.id());
        messages.add(new Message(device.id(), "status", offlineStatus, -1, true));
    }

    @Override
    public boolean publish(DeviceInfo device, String stream, byte[] payload, long tsEpochMs, boolean retained) {
        messages.add(new Message(device.id(), stream, payload, tsEpochMs, retained));
        return true;
    }

    @Override
    public void close() {
    }

    public List<Message> of(String deviceId, String stream) {
        return messages.stream().filter(m -> m.deviceId().equals(deviceId) && m.stream().equals(stream)).toList();
    }

    /** SHA-256 over device, stream and payload of every message, in order. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Message m : messages) {
                md.update(m.deviceId().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(m.stream().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(m.payload());
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Payloads of one device's stream, for comparisons. */
    public List<String> texts(String deviceId, String stream) {
        List<String> out = new ArrayList<>();
        of(deviceId, stream).forEach(m -> out.add(m.text()));
        return out;
    }
}
