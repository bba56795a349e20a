package org.equilibrium.people;

import java.util.Objects;

/**
 * Who is making a request, as proven by their access token. Controllers take it as a method
 * parameter ({@code Caller caller}; bound by {@code people.auth.CallerArgumentBinder}) and hand it
 * to {@link AccessPolicy}.
 *
 * @param accountId the account's database id
 * @param username  normalised username
 * @param role      the account's role
 */
public record Caller(long accountId, String username, Role role) {
    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public boolean is(Role r) {
        return role == r;
    }
}
