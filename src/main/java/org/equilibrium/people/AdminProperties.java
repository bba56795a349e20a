package org.equilibrium.people;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The first administrator, created at start-up while no enabled administrator exists.
 *
 * @param username    {@code equilibrium.admin.username}, default {@code admin}
 * @param displayName {@code equilibrium.admin.display-name}, default {@code Administrator}
 * @param password    {@code equilibrium.admin.password} (env {@code EQUILIBRIUM_ADMIN_PASSWORD}); when
 *                    unset a random one-time password is generated and logged once
 */
@ConfigurationProperties("equilibrium.admin")
public record AdminProperties(
        @Bindable(defaultValue = "admin") String username,
        @Bindable(defaultValue = "Administrator") String displayName,
        @Nullable String password) {

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=" + (password == null ? "unset" : "set") + "]";
    }
}
