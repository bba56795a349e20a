package org.equilibrium.transport.mqtt;

/**
 * One MQTT PUBLISH as received.
 *
 * @param topic       the topic
 * @param payload     the payload bytes (owned by the receiver; Paho does not reuse the array)
 * @param qos         the QoS it was delivered with (0 or 1: we subscribe with at most 1)
 * @param duplicate   the broker's DUP flag: it may have been delivered before
 * @param arrivalMs   arrival time at this service, epoch ms
 * @param gatewayTsMs the MQTT 5 user property {@code ts} (epoch ms) when present and numeric, else null
 */
public record InboundMessage(String topic, byte[] payload, int qos, boolean duplicate, long arrivalMs,
                             Long gatewayTsMs) {
}
