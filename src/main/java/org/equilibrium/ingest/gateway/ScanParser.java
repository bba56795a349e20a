package org.equilibrium.ingest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.equilibrium.device.DeviceId;

/**
 * Reads a gateway's {@code scan} payload (src/docs/ble.md). Pure; the mapper is only read from. Bad input throws
 * {@link IllegalArgumentException} with the reason; one bad device entry rejects the whole list (a gateway that
 * writes half-valid lists is broken, and a partial list would hide devices silently).
 */
public final class ScanParser {
    /** More than a home radio can see; bounds what one message can make the service hold. */
    public static final int MAX_DEVICES = 256;
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){5}");

    private final ObjectMapper mapper;

    public ScanParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public GatewayScan parse(String gatewayId, byte[] payload, long receivedMs) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("scan is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("scan is not a JSON object");
        }
        JsonNode ts = root.get("ts");
        if (ts == null || !ts.canConvertToLong() || !ts.isIntegralNumber()) {
            throw new IllegalArgumentException("scan needs an integer ts (epoch ms)");
        }
        JsonNode list = root.get("devices");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("scan needs a devices array");
        }
        if (list.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("scan lists " + list.size() + " devices, limit " + MAX_DEVICES);
        }
        List<ScanEntry> devices = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            devices.add(entry(list.get(i), i));
        }
        return new GatewayScan(gatewayId, ts.longValue(), receivedMs, devices);
    }

    /** {@code C0:FF:EE:12:34:56} → {@code ble-c0ffee123456} (src/docs/ble.md, "Device ids"). */
    public static String deviceIdOf(String address) {
        return "ble-" + address.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** Upper-cases and checks a BLE address; throws on anything but six colon-separated hex bytes. */
    public static String normaliseAddress(String address) {
        String a = address == null ? "" : address.strip().toUpperCase(Locale.ROOT);
        if (!ADDRESS.matcher(a).matches()) {
            throw new IllegalArgumentException("not a BLE address (XX:XX:XX:XX:XX:XX): '" + abbreviate(address) + "'");
        }
        return a;
    }

    private static ScanEntry entry(JsonNode n, int i) {
        String where = "devices[" + i + "]";
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        String address = normaliseAddress(text(n, "address", where, true));
        String deviceId = deviceIdOf(address);
        String announced = text(n, "device_id", where, false);
        if (announced != null && !announced.equals(deviceId)) {
            throw new IllegalArgumentException(where + ".device_id '" + abbreviate(announced)
                    + "' does not match address " + address + " (expected " + deviceId + ")");
        }
        if (!DeviceId.isValid(deviceId)) {
            throw new IllegalArgumentException(where + ": bad device id " + deviceId);
        }
        JsonNode rssi = n.get("rssi");
        Integer rssiDbm = null;
        if (rssi != null && !rssi.isNull()) {
            if (!rssi.isIntegralNumber() || rssi.intValue() < -127 || rssi.intValue() > 20) {
                throw new IllegalArgumentException(where + ".rssi must be an integer in -127..20 dBm");
            }
            rssiDbm = rssi.intValue();
        }
        List<String> services = new ArrayList<>();
        JsonNode s = n.get("services");
        if (s != null && !s.isNull()) {
            if (!s.isArray() || s.size() > 64) {
                throw new IllegalArgumentException(where + ".services must be an array of at most 64 UUIDs");
            }
            for (JsonNode u : s) {
                if (!u.isTextual() || u.textValue().length() > 36) {
                    throw new IllegalArgumentException(where + ".services holds a non-UUID");
                }
                services.add(u.textValue().toLowerCase(Locale.ROOT));
            }
        }
        return new ScanEntry(address, deviceId, text(n, "name", where, false), rssiDbm, services,
                text(n, "profile", where, false), text(n, "kind", where, false), bool(n, "linked", where),
                bool(n, "connected", where));
    }

    private static String text(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + "." + field + " is missing");
            }
            return null;
        }
        if (!v.isTextual() || v.textValue().length() > 128) {
            throw new IllegalArgumentException(where + "." + field + " must be a string of at most 128 characters");
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + "." + field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
