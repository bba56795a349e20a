package org.equilibrium.device.registry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileRegistry;

/** Wires the plain {@link DeviceRegistry} to the SQL store. */
@Factory
public class RegistryBeans {

    @Singleton
    @Bean(preDestroy = "flush")
    DeviceRegistry deviceRegistry(DeviceStore store, RegistrySettings settings, ProfileRegistry profiles) {
        Set<String> ids = profiles.allProfiles().stream().map(DeviceProfile::id).collect(Collectors.toSet());
        DeviceRegistry registry = new DeviceRegistry(store, new ProfileGuess(ids),
                settings.lastSeenPersistInterval().toMillis());
        registry.load();
        return registry;
    }
}
