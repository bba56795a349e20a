package org.equilibrium.people.auth;

import io.micronaut.security.authentication.Authentication;
import org.equilibrium.people.Caller;
import org.equilibrium.people.Role;

import java.util.Optional;

/** Reads a {@link Caller} out of a validated token's {@link Authentication}. */
public final class Callers {
    private Callers() {
    }

    /** The caller, or empty when the token lacks the account id or a known role (not one of ours). */
    public static Optional<Caller> from(Authentication authentication) {
        Object id = authentication.getAttributes().get(AccountAuthenticationProvider.ACCOUNT_ID_CLAIM);
        if (!(id instanceof Number number)) {
            return Optional.empty();
        }
        Role role = null;
        for (String name : authentication.getRoles()) {
            for (Role r : Role.values()) {
                if (r.name().equals(name)) {
                    if (role != null && role != r) {
                        return Optional.empty(); // one role per account: two means a forged or foreign token
                    }
                    role = r;
                }
            }
        }
        return role == null ? Optional.empty() : Optional.of(new Caller(number.longValue(), authentication.getName(), role));
    }
}
