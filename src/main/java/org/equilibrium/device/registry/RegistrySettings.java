package org.equilibrium.device.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code equilibrium.registry.*} (defaults documented in application.yml).
 *
 * @param flushInterval           how often changed devices are written to the database
 * @param lastSeenPersistInterval last-seen alone is written only when it moved by more than this
 */
@ConfigurationProperties("equilibrium.registry")
public record RegistrySettings(@Bindable(defaultValue = "5s") Duration flushInterval,
                               @Bindable(defaultValue = "60s") Duration lastSeenPersistInterval) {
}
