package org.equilibrium.api.ble;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * One device in a BLE gateway's latest scan ({@code GET /api/ble/scan}, src/docs/api.md).
 *
 * @param gatewayOnline the gateway's last status; null when it never sent one
 * @param profileId     the gateway's profile match, or null
 * @param linked        the gateway holds a connect instruction for it
 * @param connected     it is streaming now
 * @param pairedToPatient the patient it is paired with (only shown to callers who may see that patient)
 * @param scannedMs     the scan's time at the gateway, epoch ms
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BleScanView(String gatewayId, Boolean gatewayOnline, String address, String deviceId, String name,
                          Integer rssiDbm, List<String> services, String profileId, String kind, boolean linked,
                          boolean connected, Long pairedToPatient, long scannedMs) {
}
