package org.equilibrium.api.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code PUT /api/me/password}. */
@Serdeable
public record PasswordChangeRequest(@Nullable String currentPassword, @Nullable String newPassword) {
    @Override
    public String toString() {
        return "PasswordChangeRequest[***]";
    }
}
