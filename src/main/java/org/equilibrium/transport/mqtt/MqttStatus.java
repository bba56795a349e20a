package org.equilibrium.transport.mqtt;

/**
 * The ingest connection's state, for health and diagnostics.
 *
 * @param url               broker URL
 * @param clientId          MQTT client id (stable: it names the persistent session)
 * @param connected         TCP + MQTT session up
 * @param subscribed        the ingest subscription is active
 * @param sessionPresent    the broker resumed the stored session on the last connect
 * @param connects          successful connects since start
 * @param connectFailures   failed connect attempts since start
 * @param lastError         the last connection error, or null
 * @param lastErrorAtMs     when it happened, epoch ms (0 when none)
 * @param subscriptionFilter the topic filter subscribed to
 */
public record MqttStatus(String url, String clientId, boolean connected, boolean subscribed, boolean sessionPresent,
                         long connects, long connectFailures, String lastError, long lastErrorAtMs,
                         String subscriptionFilter) {
    public boolean up() {
        return connected && subscribed;
    }
}
