package org.equilibrium.api;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.equilibrium.device.registry.DeviceRecord;

/** A device in {@code GET /api/devices}. {@code paired} false: data is stored under the device only. */
@Serdeable
public record DeviceView(String id, String profileId, String patientId, boolean paired, String displayName,
                         String claimCode, String firstSeen, String lastSeen, boolean online, Integer batteryPct,
                         String model, String firmware) {

    static DeviceView of(DeviceRecord r) {
        return new DeviceView(r.id(), r.profileId(), r.patientId(), r.paired(), r.displayName(), r.claimCode(),
                Instant.ofEpochMilli(r.firstSeenMs()).toString(), Instant.ofEpochMilli(r.lastSeenMs()).toString(),
                r.online(), r.batteryPct(), r.model(), r.firmware());
    }
}
