package org.equilibrium.sim.ble;

import java.util.List;

/**
 * The GATT table and advertisement of one fake peripheral.
 *
 * @param address   Bluetooth device address, {@code XX:XX:XX:XX:XX:XX} upper-case hex
 * @param name      advertised local name
 * @param rssiDbm   signal strength reported while discovering
 * @param advertisedUuids service UUIDs in the advertisement (128-bit lower-case form)
 * @param services  the GATT services a connection resolves
 */
public record GattSpec(String address, String name, short rssiDbm, List<String> advertisedUuids,
        List<Service> services) {

    public GattSpec {
        if (!address.matches("([0-9A-F]{2}:){5}[0-9A-F]{2}")) {
            throw new IllegalArgumentException("address must be XX:XX:XX:XX:XX:XX upper-case hex, got " + address);
        }
        advertisedUuids = List.copyOf(advertisedUuids);
        services = List.copyOf(services);
    }

    /** A primary service and its characteristics. */
    public record Service(String uuid, List<Characteristic> characteristics) {
        public Service {
            characteristics = List.copyOf(characteristics);
        }
    }

    /**
     * A characteristic.
     *
     * @param flags BlueZ flag names ({@code read}, {@code write}, {@code notify}, ...)
     * @param initialValue value before the first update
     */
    public record Characteristic(String uuid, List<String> flags, byte[] initialValue) {
        public Characteristic {
            flags = List.copyOf(flags);
            initialValue = initialValue.clone();
        }
    }

    /** The 128-bit form of a 16-bit SIG UUID ({@code 2a37} → {@code 00002a37-0000-1000-8000-00805f9b34fb}). */
    public static String sig(String uuid16) {
        return "0000" + uuid16.toLowerCase(java.util.Locale.ROOT) + "-0000-1000-8000-00805f9b34fb";
    }
}
