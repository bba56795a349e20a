package org.equilibrium.transport.ble;

import org.equilibrium.device.DeviceId;

/**
 * The MQTT topics of a BLE gateway: the wire contract's per-device topics for what it forwards, and the
 * gateway's own topics (an extension of the contract, documented in src/docs/ble.md):
 *
 * <pre>
 * {prefix}biofeedback/v1/gateway/{gatewayId}/status    retained JSON presence of the gateway (and its last will)
 * {prefix}biofeedback/v1/gateway/{gatewayId}/scan      retained JSON: devices in radio range, with matching profiles
 * {prefix}biofeedback/v1/gateway/{gatewayId}/cmd       JSON instructions from the service: connect, disconnect
 * {prefix}biofeedback/v1/gateway/{gatewayId}/cmd/ack   JSON answers to those instructions
 * {prefix}biofeedback/v1/{deviceId}/{stream}           per the contract: gatt/…, status, gap, cmd, cmd/ack
 * </pre>
 *
 * @param prefix    deployment prefix before {@code biofeedback/} ("" for none; otherwise ends with '/')
 * @param gatewayId 1-64 characters of {@code A-Za-z0-9._-}, like a device id
 */
public record GatewayTopics(String prefix, String gatewayId) {

    public GatewayTopics {
        if (!DeviceId.isValid(gatewayId)) {
            throw new IllegalArgumentException("gateway id must be 1-64 characters of A-Za-z0-9._-, got " + gatewayId);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    private String gateway(String leaf) {
        return prefix + "biofeedback/v1/gateway/" + gatewayId + "/" + leaf;
    }

    public String status() {
        return gateway("status");
    }

    public String scan() {
        return gateway("scan");
    }

    public String cmd() {
        return gateway("cmd");
    }

    public String cmdAck() {
        return gateway("cmd/ack");
    }

    public String device(DeviceId device, String stream) {
        return prefix + "biofeedback/v1/" + device.value() + "/" + stream;
    }

    /** Filter for every device's {@code cmd} (the gateway picks the ones it links). */
    public String deviceCommands() {
        return prefix + "biofeedback/v1/+/cmd";
    }

    /** The device id of a {@code …/biofeedback/v1/{id}/cmd} topic, or null for another topic. */
    public String commandTarget(String topic) {
        String head = prefix + "biofeedback/v1/";
        if (!topic.startsWith(head) || !topic.endsWith("/cmd")) {
            return null;
        }
        String id = topic.substring(head.length(), topic.length() - 4);
        return DeviceId.isValid(id) ? id : null;
    }
}
