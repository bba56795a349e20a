package org.equilibrium.device.registry;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link DeviceStore} over the SQL database (embedded H2 file by default). */
@Singleton
public class JdbcDeviceStore implements DeviceStore {
    private final DeviceRepository repository;

    public JdbcDeviceStore(DeviceRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional
    public List<DeviceRecord> loadAll() {
        List<DeviceRecord> out = new ArrayList<>();
        repository.findAll().forEach(e -> out.add(e.toRecord()));
        return out;
    }

    @Override
    @Transactional
    public void upsert(Collection<DeviceRecord> records) {
        for (DeviceRecord r : records) {
            DeviceEntity e = DeviceEntity.of(r);
            if (repository.existsById(r.id())) {
                repository.update(e);
            } else {
                repository.save(e);
            }
        }
    }
}
