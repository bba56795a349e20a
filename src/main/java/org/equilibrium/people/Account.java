package org.equilibrium.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * A stored account. Persistence entity: never leaves the service layer (the API answers with
 * DTO records), and never logged (it carries the password hash).
 *
 * @param id           database id, null before the first insert
 * @param username     normalised login name (see {@link Usernames#normalise}), unique
 * @param displayName  the name shown to people
 * @param role         what the account may do
 * @param passwordHash PHC-encoded Argon2id hash (see {@link PasswordHasher})
 * @param disabled     a disabled account can neither log in nor use a token issued before
 * @param createdAt    when the account was created
 */
@MappedEntity("account")
public record Account(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        @MappedProperty("display_name") String displayName,
        Role role,
        @MappedProperty("password_hash") String passwordHash,
        boolean disabled,
        @MappedProperty("created_at") Instant createdAt) {

    public Account withPasswordHash(String newHash) {
        return new Account(id, username, displayName, role, newHash, disabled, createdAt);
    }

    public Account withDisabled(boolean newDisabled) {
        return new Account(id, username, displayName, role, passwordHash, newDisabled, createdAt);
    }

    /** Never print the hash, even by accident in a log line or a debugger view. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + ", role=" + role + ", disabled=" + disabled + "]";
    }
}
