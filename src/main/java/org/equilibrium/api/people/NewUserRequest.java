package org.equilibrium.api.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.equilibrium.people.Role;

/** Body of {@code POST /api/users}. Fields are checked by the service (400 names the field). */
@Serdeable
public record NewUserRequest(@Nullable String username, @Nullable String displayName, @Nullable Role role,
                             @Nullable String password) {
    @Override
    public String toString() {
        return "NewUserRequest[username=" + username + ", role=" + role + "]";
    }
}
