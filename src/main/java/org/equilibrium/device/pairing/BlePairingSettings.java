package org.equilibrium.device.pairing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * BLE pairing through gateways ({@code equilibrium.ble.*}).
 *
 * @param ackTimeout how long {@code POST /api/ble/pair} waits for the gateway's {@code cmd/ack} (default 10 s;
 *                   the gateway acks as soon as it has taken the instruction, before the link is up)
 */
@ConfigurationProperties("equilibrium.ble")
public record BlePairingSettings(@Nullable Duration ackTimeout) {
    public Duration ackTimeoutOrDefault() {
        return ackTimeout == null ? Duration.ofSeconds(10) : ackTimeout;
    }
}
