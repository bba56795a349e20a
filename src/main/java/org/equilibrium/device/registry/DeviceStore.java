package org.equilibrium.device.registry;

import java.util.Collection;
import java.util.List;

/** Persistence of the device registry (a port: SQL through Micronaut Data in production). */
public interface DeviceStore {
    List<DeviceRecord> loadAll();

    /** Inserts or updates each record by id. */
    void upsert(Collection<DeviceRecord> records);
}
