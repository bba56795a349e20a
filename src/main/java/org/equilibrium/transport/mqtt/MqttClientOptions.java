package org.equilibrium.transport.mqtt;

import java.time.Duration;

/**
 * Plain connection options of {@link MqttIngress} ({@link MqttSettings} binds them from configuration).
 *
 * @param subscriptionFilter  e.g. {@code biofeedback/v1/+/#}; {@code sharedGroup} turns it into
 *                            {@code $share/{group}/...}
 * @param sessionExpiry       how long the broker keeps the session (and queues QoS 1 messages) while we are away
 * @param receiveMaximum      unacknowledged messages the broker may have in flight to us (backpressure window)
 * @param tls                 certificates and hostname check for an {@code ssl://} URL
 */
public record MqttClientOptions(String url, String clientId, String username, String password,
                                String subscriptionFilter, String sharedGroup, boolean cleanStart,
                                Duration sessionExpiry, int receiveMaximum, Duration keepAlive,
                                Duration connectTimeout, Duration reconnectMinDelay, Duration reconnectMaxDelay,
                                MqttTls tls) {

    /** True for {@code ssl://} (and {@code wss://}): the connection is TLS. */
    public boolean usesTls() {
        String u = url.toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("ssl://") || u.startsWith("wss://");
    }

    /** The filter actually subscribed: shared when a group is configured. */
    public String effectiveFilter() {
        return sharedGroup == null || sharedGroup.isBlank() ? subscriptionFilter
                : "$share/" + sharedGroup + "/" + subscriptionFilter;
    }
}
