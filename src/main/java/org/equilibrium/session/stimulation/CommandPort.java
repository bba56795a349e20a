package org.equilibrium.session.stimulation;

import java.util.concurrent.CompletionStage;
import org.equilibrium.device.DeviceId;

/**
 * Where commands leave the service: {@code biofeedback/v1/{deviceId}/cmd}, QoS 1, not retained. Implementations
 * must hand the message to the transport before returning (no queue of their own), so that publish order is the
 * order of calls; the stage completes when the transport confirms or fails.
 */
public interface CommandPort {
    CompletionStage<Void> publish(DeviceId device, String json);
}
