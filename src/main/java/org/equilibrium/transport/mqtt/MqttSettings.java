package org.equilibrium.transport.mqtt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code equilibrium.mqtt.*}: the ingest connection (defaults documented in application.yml).
 * Environment variables override the usual Micronaut way ({@code EQUILIBRIUM_MQTT_URL},
 * {@code EQUILIBRIUM_MQTT_CLIENT_ID}, {@code EQUILIBRIUM_MQTT_TLS_CA_FILE}, ...).
 *
 * @param enabled           false: no broker connection at all (API-only instance)
 * @param url               broker URL, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId          stable client id: names the persistent session, so keep it across restarts and
 *                          make it unique per instance
 * @param topicPrefix       text before {@code biofeedback/} (multi-tenant brokers), may be empty
 * @param sharedGroup       when set, subscribe as {@code $share/{group}/...} so instances split the load
 * @param cleanStart        false keeps the session (and queued QoS 1 messages) across restarts
 * @param sessionExpiry     how long the broker keeps the session while we are disconnected
 * @param receiveMaximum    unacknowledged messages the broker may send before waiting (backpressure window)
 * @param queueCapacity     per-worker ingest queue (at least the receive maximum)
 * @param workers           ingest worker threads (a device always goes to the same one); 0 = on the MQTT callback thread
 * @param tlsCaFile         PEM certificates to trust for an {@code ssl://} broker (else the JVM's trust store)
 * @param tlsCertFile       PEM client certificate (chain) for mutual TLS, with {@code tlsKeyFile}
 * @param tlsKeyFile        PEM private key of the client certificate (unencrypted)
 * @param tlsVerifyHostname check that the broker's certificate names the URL's host (keep it on)
 */
@ConfigurationProperties("equilibrium.mqtt")
public record MqttSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "tcp://127.0.0.1:1883") String url,
        @Bindable(defaultValue = "equilibrium-ingest") String clientId,
        @Nullable String username,
        @Nullable String password,
        @Nullable String topicPrefix,
        @Nullable String sharedGroup,
        @Bindable(defaultValue = "false") boolean cleanStart,
        @Bindable(defaultValue = "7d") Duration sessionExpiry,
        @Bindable(defaultValue = "10000") int receiveMaximum,
        @Bindable(defaultValue = "10000") int queueCapacity,
        @Bindable(defaultValue = "0") int workers,
        @Bindable(defaultValue = "30s") Duration keepAlive,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "1s") Duration reconnectMinDelay,
        @Bindable(defaultValue = "60s") Duration reconnectMaxDelay,
        @Nullable String tlsCaFile,
        @Nullable String tlsCertFile,
        @Nullable String tlsKeyFile,
        @Bindable(defaultValue = "true") boolean tlsVerifyHostname) {

    public String prefix() {
        return topicPrefix == null ? "" : topicPrefix;
    }

    public MqttClientOptions toOptions(String subscriptionFilter) {
        return new MqttClientOptions(url, clientId, username, password, subscriptionFilter, sharedGroup, cleanStart,
                sessionExpiry, Math.max(1, Math.min(65_535, receiveMaximum)), keepAlive, connectTimeout,
                reconnectMinDelay, reconnectMaxDelay,
                new MqttTls(tlsCaFile, tlsCertFile, tlsKeyFile, tlsVerifyHostname));
    }
}
