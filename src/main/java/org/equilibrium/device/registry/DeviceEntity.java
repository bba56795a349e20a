package org.equilibrium.device.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** Row of the {@code devices} table (db/migration/V1__devices.sql). Persistence only: never leaves the store. */
@MappedEntity("devices")
public record DeviceEntity(@Id String id, @Nullable String profileId, @Nullable String patientId,
                           @Nullable String displayName, @Nullable String claimCode, long firstSeenMs,
                           long lastSeenMs, boolean online, @Nullable Integer batteryPct, @Nullable String model,
                           @Nullable String firmware) {

    static DeviceEntity of(DeviceRecord r) {
        return new DeviceEntity(r.id(), r.profileId(), r.patientId(), r.displayName(), r.claimCode(),
                r.firstSeenMs(), r.lastSeenMs(), r.online(), r.batteryPct(), r.model(), r.firmware());
    }

    DeviceRecord toRecord() {
        return new DeviceRecord(id, profileId, patientId, displayName, claimCode, firstSeenMs, lastSeenMs, online,
                batteryPct, model, firmware);
    }
}
