package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.stimulation.CommandPort;
import org.equilibrium.transport.mqtt.MqttPublisher;

/** Commands over the ingest MQTT connection: {@code biofeedback/v1/{deviceId}/cmd}, QoS 1, not retained. */
@Singleton
@Requires(beans = MqttPublisher.class)
public class MqttCommandPort implements CommandPort {
    private final MqttPublisher publisher;

    public MqttCommandPort(MqttPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public CompletionStage<Void> publish(DeviceId device, String json) {
        return publisher.sendCommand(device, json);
    }
}
