package org.equilibrium.transport.mqtt;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.equilibrium.device.DeviceId;

/**
 * Publishes to devices over the ingest connection (the {@code cmd} stream, used by the stimulation issue).
 * Commands are QoS 1 and not retained: a stale command must never be applied when a device reconnects.
 */
@Singleton
@Requires(beans = MqttIngress.class)
public class MqttPublisher {
    private final MqttIngress ingress;
    private final String prefix;

    public MqttPublisher(MqttIngress ingress, MqttSettings settings) {
        this.ingress = ingress;
        this.prefix = settings.prefix();
    }

    /** Publishes {@code json} to {@code {prefix}biofeedback/v1/{device}/cmd}; fails at once when disconnected. */
    public CompletionStage<Void> sendCommand(DeviceId device, String json) {
        return ingress.publish(prefix + "biofeedback/v1/" + device.value() + "/cmd",
                json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /**
     * Publishes an instruction to a BLE gateway, {@code {prefix}biofeedback/v1/gateway/{gatewayId}/cmd}
     * (src/docs/ble.md), QoS 1 and not retained (the gateway ignores retained instructions).
     */
    public CompletionStage<Void> sendGatewayInstruction(String gatewayId, String json) {
        if (!DeviceId.isValid(gatewayId)) {
            throw new IllegalArgumentException("not a gateway id: " + gatewayId);
        }
        return ingress.publish(prefix + "biofeedback/v1/gateway/" + gatewayId + "/cmd",
                json.getBytes(StandardCharsets.UTF_8), 1, false);
    }
}
