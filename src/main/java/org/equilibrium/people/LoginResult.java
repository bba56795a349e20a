package org.equilibrium.people;

import io.micronaut.core.annotation.Nullable;

/**
 * Outcome of a credential check: the account on success, otherwise why it failed. The reason is
 * for the log only; the client is told the same thing whatever the reason.
 */
public record LoginResult(@Nullable Account account, @Nullable Failure failure) {

    public enum Failure { UNKNOWN_USERNAME, WRONG_PASSWORD, DISABLED }

    static LoginResult ok(Account account) {
        return new LoginResult(account, null);
    }

    static LoginResult failed(Failure failure) {
        return new LoginResult(null, failure);
    }

    public boolean succeeded() {
        return account != null;
    }
}
