package org.equilibrium.ingest;

import java.util.Locale;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.device.DeviceId;

/**
 * Splits MQTT topics per shared/contracts/mqtt-wire.md ("Topics"). Pure and thread-safe.
 * The device id form is checked here ({@link DeviceId#isValid}); the stream must be one of the contract's.
 */
public final class TopicParser {
    /** The Bluetooth Base UUID suffix (Core Spec Vol 3 Part B 2.5.1): 0000xxxx-0000-1000-8000-00805f9b34fb. */
    private static final String BT_BASE_SUFFIX = "-0000-1000-8000-00805f9b34fb";
    private static final String ROOT = "biofeedback/v1/";
    /** First segment of the BLE gateways' topics (src/docs/ble.md): {@code gateway/{gw}/{scan|status|cmd|cmd/ack}}. */
    public static final String GATEWAY_SEGMENT = "gateway";

    private final String prefix;
    private final int maxTopicLength;

    /**
     * @param prefix         text before {@code biofeedback/}, e.g. {@code "tenant7/"}; may be empty
     * @param maxTopicLength longer topics are rejected as {@code OVERSIZED} before any parsing
     */
    public TopicParser(String prefix, int maxTopicLength) {
        this.prefix = prefix == null ? "" : prefix;
        this.maxTopicLength = maxTopicLength;
    }

    public String prefix() {
        return prefix;
    }

    /** The subscription filter covering every device and stream. */
    public String subscriptionFilter() {
        return prefix + ROOT + "+/#";
    }

    public ParsedTopic parse(String topic) {
        if (topic.length() > maxTopicLength) {
            return new ParsedTopic(null, StreamKind.UNKNOWN, "", RejectReason.OVERSIZED);
        }
        int root = prefix.length();
        if (!topic.startsWith(prefix) || !topic.startsWith(ROOT, root)) {
            return new ParsedTopic(null, StreamKind.UNKNOWN, topic, RejectReason.UNKNOWN_STREAM);
        }
        int devStart = root + ROOT.length();
        int slash = topic.indexOf('/', devStart);
        String device = topic.substring(devStart, slash < 0 ? topic.length() : slash);
        if (!DeviceId.isValid(device)) {
            return new ParsedTopic(device, StreamKind.UNKNOWN, slash < 0 ? "" : topic.substring(slash + 1),
                    RejectReason.BAD_DEVICE_ID);
        }
        if (slash < 0 || slash == topic.length() - 1) {
            return new ParsedTopic(device, StreamKind.UNKNOWN, "", RejectReason.UNKNOWN_STREAM);
        }
        String stream = topic.substring(slash + 1);
        if (device.equals(GATEWAY_SEGMENT)) {
            ParsedTopic gateway = parseGateway(stream);
            if (gateway != null) {
                return gateway;
            }
            // not of the gateway form: a device that happens to be called "gateway" (the contract allows it)
        }
        return switch (stream) {
            case "hr" -> new ParsedTopic(device, StreamKind.HR, stream, null);
            case "stim" -> new ParsedTopic(device, StreamKind.STIM, stream, null);
            case "status" -> new ParsedTopic(device, StreamKind.STATUS, stream, null);
            case "cmd" -> new ParsedTopic(device, StreamKind.CMD, stream, null);
            case "cmd/ack" -> new ParsedTopic(device, StreamKind.CMD_ACK, stream, null);
            case "truth" -> new ParsedTopic(device, StreamKind.TRUTH, stream, null);
            case "gap" -> new ParsedTopic(device, StreamKind.GAP, stream, null);
            default -> parseGatt(device, stream);
        };
    }

    /**
     * {@code gateway/{gw}/{scan|status|cmd|cmd/ack}} with a valid gateway id: the parsed topic's device is the
     * gateway id. Anything else under {@code gateway/} is not a gateway topic (null): the contract lets a device be
     * called "gateway", so {@code gateway/hr} stays that device's heart rate.
     */
    private static ParsedTopic parseGateway(String rest) {
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String gw = rest.substring(0, slash);
        String stream = rest.substring(slash + 1);
        boolean gatewayStream = switch (stream) {
            case "scan", "status", "cmd", "cmd/ack" -> true;
            default -> false;
        };
        return gatewayStream && DeviceId.isValid(gw) ? new ParsedTopic(gw, StreamKind.GATEWAY, stream, null) : null;
    }

    private static ParsedTopic parseGatt(String device, String stream) {
        if (stream.startsWith("gatt/")) {
            String uuid = normaliseUuid(stream.substring(5));
            if (uuid != null) {
                return new ParsedTopic(device, StreamKind.GATT, "gatt/" + uuid, null);
            }
        }
        return new ParsedTopic(device, StreamKind.UNKNOWN, stream, RejectReason.UNKNOWN_STREAM);
    }

    /**
     * Lower-cases a 16-bit ({@code 2a37}) or 128-bit UUID and shortens the Bluetooth-base form to 16 bits,
     * so both spellings name one stream. Null when it is neither form.
     */
    static String normaliseUuid(String raw) {
        String u = raw.toLowerCase(Locale.ROOT);
        if (u.length() == 4 && isHex(u, 0, 4)) {
            return u;
        }
        if (u.length() == 36 && u.charAt(8) == '-' && u.charAt(13) == '-' && u.charAt(18) == '-'
                && u.charAt(23) == '-' && isHex(u, 0, 8) && isHex(u, 9, 13) && isHex(u, 14, 18)
                && isHex(u, 19, 23) && isHex(u, 24, 36)) {
            if (u.startsWith("0000") && u.endsWith(BT_BASE_SUFFIX)) {
                return u.substring(4, 8);
            }
            return u;
        }
        return null;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
