package org.equilibrium.people;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which account ids exist and are enabled, kept in memory so that checking every request's token
 * against it costs no database round trip on the event loop. Loaded from the registry on first use
 * (the start-up administrator check triggers it, before the server takes requests) and updated by
 * {@link AccountService} on every create, disable and enable: this process is the only writer of
 * the embedded database.
 */
@Singleton
public class AccountStatus {
    private final AccountRepository accounts;
    private final Map<Long, Boolean> enabledById = new ConcurrentHashMap<>();
    // Not loaded in the constructor: this bean is built while the security module probes for
    // authentication providers, before the data layer is ready.
    private volatile boolean loaded;

    public AccountStatus(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** True only for an existing, enabled account. */
    public boolean isActive(long accountId) {
        ensureLoaded();
        return Boolean.TRUE.equals(enabledById.get(accountId));
    }

    void update(Account account) {
        ensureLoaded();
        enabledById.put(account.id(), !account.disabled());
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (!loaded) {
                for (Account account : accounts.findAll()) {
                    enabledById.putIfAbsent(account.id(), !account.disabled());
                }
                loaded = true;
            }
        }
    }
}
