package org.equilibrium.ingest.gateway;

import java.util.List;

/**
 * One device in a gateway's scan list ({@code gateway/{gw}/scan}, src/docs/ble.md).
 *
 * @param address   the BLE address, upper case {@code XX:XX:XX:XX:XX:XX}
 * @param deviceId  the device's MQTT id, {@code ble-} + the address's twelve hex digits in lower case
 * @param name      advertised name, or null
 * @param rssiDbm   signal strength at the last scan, or null
 * @param services  advertised 128-bit service UUIDs, lower case
 * @param profileId the gateway's profile match, or null
 * @param kind      the profile's kind ({@code hr-sensor}, {@code stimulator}), or null
 * @param linked    the gateway holds a connect instruction for it
 * @param connected it is streaming now
 */
public record ScanEntry(String address, String deviceId, String name, Integer rssiDbm, List<String> services,
                        String profileId, String kind, boolean linked, boolean connected) {

    public ScanEntry {
        services = List.copyOf(services);
    }
}
