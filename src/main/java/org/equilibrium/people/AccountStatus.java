package org.equilibrium.people;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which account ids exist and are enabled, kept in memory so that checking every request's token
 * against it costs no database round trip on the event loop. Loaded once from the registry and
 * updated by {@link AccountService} on every create, disable and enable (this process is the only
 * writer of the embedded database).
 */
@Singleton
public class AccountStatus {
    private final Map<Long, Boolean> enabledById = new ConcurrentHashMap<>();

    public AccountStatus(AccountRepository accounts) {
        for (Account account : accounts.findAll()) {
            enabledById.put(account.id(), !account.disabled());
        }
    }

    /** True only for an existing, enabled account. */
    public boolean isActive(long accountId) {
        return Boolean.TRUE.equals(enabledById.get(accountId));
    }

    void update(Account account) {
        enabledById.put(account.id(), !account.disabled());
    }
}
