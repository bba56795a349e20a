package org.equilibrium.sim.ble;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.SimSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's BLE transport: each simulated device becomes a peripheral of a {@link FakeBluez}. A device
 * that comes online advertises; going offline stops advertising (and drops a link); its {@code gatt/…} messages
 * become characteristic values, notified when a client subscribed. Streams with no GATT form ({@code hr},
 * {@code stim}, {@code status}, {@code truth}) are not radio traffic and are skipped.
 *
 * <p>Stimulators get the custom service of sim-tens-telemetry-v1: telemetry notify, a command characteristic
 * whose frames ({@link CommandFrames}) reach the simulation as {@code cmd} messages, and an ack characteristic
 * notified with the simulation's answer.
 *
 * <p>Addresses and names are derived from the device id, so a scenario always shows the same peripherals.
 */
public final class BleSink implements SimSink {
    private static final Logger LOG = LoggerFactory.getLogger(BleSink.class);
    static final String HRM = GattSpec.sig("2a37");
    static final String BATTERY = GattSpec.sig("2a19");

    private final Object lock = new Object();
    private FakeBluez bluez;
    private final Map<String, DeviceInfo> byAddress = new LinkedHashMap<>();
    private final Map<String, Boolean> advertising = new LinkedHashMap<>();
    private volatile CommandListener commandListener = (id, p) -> { };
    private final AtomicLong skipped = new AtomicLong();

    public BleSink(FakeBluez bluez) {
        attach(bluez);
    }

    /** Moves every peripheral to another fake BlueZ (one that came back), keeping their advertising state. */
    public void attach(FakeBluez next) {
        synchronized (lock) {
            this.bluez = next;
            next.setWriteHandler(this::written);
            byAddress.forEach((address, d) -> {
                next.addPeripheral(spec(d));
                next.setAdvertising(address, advertising.getOrDefault(address, false));
            });
        }
    }

    @Override
    public void setCommandListener(CommandListener listener) {
        this.commandListener = listener;
    }

    @Override
    public void connect(DeviceInfo device, byte[] onlineStatus, byte[] offlineWill) {
        String address = addressOf(device.id());
        synchronized (lock) {
            if (byAddress.putIfAbsent(address, device) == null) {
                bluez.addPeripheral(spec(device));
            }
            advertising.put(address, true);
            bluez.setAdvertising(address, true);
        }
    }

    @Override
    public void disconnect(DeviceInfo device, byte[] offlineStatus, boolean graceful) {
        String address = addressOf(device.id());
        synchronized (lock) {
            if (byAddress.containsKey(address)) {
                advertising.put(address, false);
                bluez.setAdvertising(address, false);
            }
        }
    }

    @Override
    public boolean publish(DeviceInfo device, String stream, byte[] payload, long tsEpochMs, boolean retained) {
        String characteristic = switch (stream) {
            case "gatt/2a37" -> HRM;
            case "gatt/2a19" -> BATTERY;
            case "gatt/" + CommandFrames.TELEMETRY_UUID -> CommandFrames.TELEMETRY_UUID;
            case "cmd/ack" -> CommandFrames.ACK_UUID;
            default -> null;
        };
        if (characteristic == null) {
            skipped.incrementAndGet();
            return true;
        }
        byte[] value = payload;
        if (characteristic.equals(CommandFrames.ACK_UUID)) {
            value = CommandFrames.ackFromJson(payload);
            if (value == null) {
                return true; // a scenario command's ack: nobody on the radio asked
            }
        }
        synchronized (lock) {
            bluez.updateValue(addressOf(device.id()), characteristic, value);
        }
        return true;
    }

    /** A write from a BLE client: command frames go to the simulation; other writes are only logged. */
    private void written(String address, String characteristicUuid, byte[] value) {
        DeviceInfo d;
        synchronized (lock) {
            d = byAddress.get(address);
        }
        if (d == null || !characteristicUuid.equals(CommandFrames.COMMAND_UUID)) {
            return;
        }
        try {
            commandListener.command(d.id(), CommandFrames.toCommandJson(value));
        } catch (CommandFrames.MalformedFrame e) {
            LOG.info("{} refused a malformed command frame: {}", d.id(), e.getMessage());
            synchronized (lock) {
                bluez.updateValue(address, CommandFrames.ACK_UUID, CommandFrames.malformedAck(e));
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (String a : byAddress.keySet()) {
                advertising.put(a, false);
                bluez.setAdvertising(a, false);
            }
        }
    }

    /** The peripheral address of a simulated device: a static random address (top bits 11) from the id. */
    public static String addressOf(String deviceId) {
        byte[] h = sha256(deviceId);
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            int b = h[i] & 0xFF;
            if (i == 0) {
                b |= 0xC0;
            }
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02X", b));
        }
        return sb.toString();
    }

    /** The advertised local name, in the form the device's profile recognises. */
    public static String nameOf(DeviceInfo d) {
        byte[] h = sha256(d.id() + "/name");
        String hex = String.format("%02X%02X%02X%02X", h[0], h[1], h[2], h[3]);
        return switch (d.profile()) {
            case "polar-h10" -> "Polar H10 " + hex;
            case "garmin-hrm-pro" -> "HRM-Pro:" + Long.parseLong(hex.substring(0, 6), 16) % 1_000_000;
            case "equilibrium-sim-tens" -> "Equilibrium TENS " + hex.substring(0, 4);
            case "equilibrium-sim-microcurrent" -> "Equilibrium Microcurrent " + hex.substring(0, 4);
            default -> "HR Strap " + hex.substring(0, 4);
        };
    }

    /** The GATT table of a simulated device. */
    public static GattSpec spec(DeviceInfo d) {
        String address = addressOf(d.id());
        short rssi = (short) (-45 - (sha256(d.id() + "/rssi")[0] & 0x1F));
        if (d.stimulator()) {
            return new GattSpec(address, nameOf(d), rssi, List.of(CommandFrames.SERVICE_UUID), List.of(
                    new GattSpec.Service(CommandFrames.SERVICE_UUID, List.of(
                            new GattSpec.Characteristic(CommandFrames.TELEMETRY_UUID, List.of("read", "notify"),
                                    new byte[0]),
                            new GattSpec.Characteristic(CommandFrames.COMMAND_UUID, List.of("write"), new byte[0]),
                            new GattSpec.Characteristic(CommandFrames.ACK_UUID, List.of("notify"), new byte[0])))));
        }
        return new GattSpec(address, nameOf(d), rssi, List.of(GattSpec.sig("180d"), GattSpec.sig("180f")), List.of(
                new GattSpec.Service(GattSpec.sig("180d"), List.of(
                        new GattSpec.Characteristic(HRM, List.of("notify"), new byte[0]))),
                new GattSpec.Service(GattSpec.sig("180f"), List.of(
                        new GattSpec.Characteristic(BATTERY, List.of("read", "notify"), new byte[] {100})))));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
