package org.equilibrium.device.registry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the plain {@link DeviceRegistry} to the SQL store. */
@Factory
public class RegistryBeans {

    @Singleton
    @Bean(preDestroy = "flush")
    DeviceRegistry deviceRegistry(DeviceStore store, RegistrySettings settings) {
        DeviceRegistry registry = new DeviceRegistry(store, ProfileGuess.standard(),
                settings.lastSeenPersistInterval().toMillis());
        registry.load();
        return registry;
    }
}
