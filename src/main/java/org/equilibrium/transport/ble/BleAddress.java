package org.equilibrium.transport.ble;

import java.util.Locale;
import java.util.regex.Pattern;
import org.equilibrium.device.DeviceId;

/**
 * A Bluetooth device address ({@code C0:FF:EE:12:34:56}, upper-case as BlueZ prints it) and the device id a
 * BLE device has on MQTT: {@code ble-} and the twelve hex digits in lower case ({@code ble-c0ffee123456}). The
 * id is stable for a device whose address is stable (public and static random addresses; a device with a
 * resolvable private address would need its identity address, which BlueZ exposes only after bonding).
 */
public record BleAddress(String value) {
    private static final Pattern FORM = Pattern.compile("([0-9A-F]{2}:){5}[0-9A-F]{2}");

    public BleAddress {
        value = value == null ? null : value.toUpperCase(Locale.ROOT);
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Bluetooth address (XX:XX:XX:XX:XX:XX): " + value);
        }
    }

    public DeviceId deviceId() {
        return new DeviceId("ble-" + value.replace(":", "").toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
