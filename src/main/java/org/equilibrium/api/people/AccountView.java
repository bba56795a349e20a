package org.equilibrium.api.people;

import io.micronaut.serde.annotation.Serdeable;
import org.equilibrium.people.Account;
import org.equilibrium.people.Role;

import java.time.Instant;

/** An account as the API shows it: never the password hash. */
@Serdeable
public record AccountView(long id, String username, String displayName, Role role, boolean disabled,
                          Instant createdAt) {
    static AccountView of(Account a) {
        return new AccountView(a.id(), a.username(), a.displayName(), a.role(), a.disabled(), a.createdAt());
    }
}
