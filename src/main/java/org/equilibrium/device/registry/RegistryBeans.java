package org.equilibrium.device.registry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileRegistry;

/** Wires the plain {@link DeviceRegistry} to the SQL store. */
@Factory
public class RegistryBeans {

    @Singleton
    @Bean(preDestroy = "flush")
    DeviceRegistry deviceRegistry(DeviceStore store, RegistrySettings settings, @Nullable ProfileRegistry profiles) {
        ProfileGuess guess = profiles == null ? ProfileGuess.standard() : new ProfileGuess(
                profiles.allProfiles().stream().map(DeviceProfile::id).collect(Collectors.toSet()));
        DeviceRegistry registry = new DeviceRegistry(store, guess,
                settings.lastSeenPersistInterval().toMillis());
        registry.load();
        return registry;
    }
}
