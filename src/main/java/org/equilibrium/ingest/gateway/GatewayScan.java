package org.equilibrium.ingest.gateway;

import java.util.List;

/**
 * A gateway's latest scan list.
 *
 * @param gatewayId  the gateway (from the topic)
 * @param scannedMs  the gateway's {@code ts}, epoch ms
 * @param receivedMs when the service received it, epoch ms
 */
public record GatewayScan(String gatewayId, long scannedMs, long receivedMs, List<ScanEntry> devices) {

    public GatewayScan {
        devices = List.copyOf(devices);
    }
}
