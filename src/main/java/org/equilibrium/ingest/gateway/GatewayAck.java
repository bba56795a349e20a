package org.equilibrium.ingest.gateway;

/**
 * A gateway's answer to an instruction ({@code gateway/{gw}/cmd/ack}, src/docs/ble.md).
 *
 * @param error the gateway's reason when {@code ok} is false, else null
 */
public record GatewayAck(String gatewayId, String id, boolean ok, String error) {
}
