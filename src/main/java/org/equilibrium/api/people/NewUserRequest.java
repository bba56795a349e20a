package org.equilibrium.api.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /api/users}. Fields are checked by the service (400 names the field); the
 * role is a string here so that an unknown role gets the same clear 400 as any other field.
 */
@Serdeable
public record NewUserRequest(@Nullable String username, @Nullable String displayName, @Nullable String role,
                             @Nullable String password) {
    @Override
    public String toString() {
        return "NewUserRequest[username=" + username + ", role=" + role + "]";
    }
}
