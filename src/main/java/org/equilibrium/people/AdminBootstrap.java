package org.equilibrium.people;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;

/**
 * Makes sure the service can be administered: at start-up, when no enabled administrator exists,
 * creates one from {@link AdminProperties}. Without a configured password it generates a random
 * one-time password and logs it once (the only password that ever reaches a log), so a fresh
 * install is usable without shipping a default password.
 */
@Singleton
public class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final AdminProperties properties;
    private final AccountStatus status;
    private final SecureRandom random = new SecureRandom();

    public AdminBootstrap(AccountService accounts, AdminProperties properties, AccountStatus status) {
        this.accounts = accounts;
        this.properties = properties;
        this.status = status;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ensureAdministrator();
        status.isActive(0); // load the account status table now, not on the first request
    }

    /** Creates the first administrator if none is enabled; returns whether one was created. */
    public boolean ensureAdministrator() {
        if (accounts.hasActiveAdministrator()) {
            return false;
        }
        if (accounts.usernameTaken(properties.username())) {
            LOG.error("No enabled administrator exists, and the configured administrator username '{}' belongs to "
                    + "another account; set equilibrium.admin.username to a free name and restart",
                    Usernames.forLog(properties.username()));
            return false;
        }
        boolean generated = properties.password() == null || properties.password().isEmpty();
        String password = generated ? randomPassword() : properties.password();
        Account admin = accounts.create(new NewAccount(properties.username(), properties.displayName(),
                Role.ADMINISTRATOR, password));
        if (generated) {
            LOG.warn("No administrator existed: created '{}' with the one-time password {} — log in and change it "
                    + "(PUT /api/me/password), or set EQUILIBRIUM_ADMIN_PASSWORD before the first start", admin.username(),
                    password);
        } else {
            LOG.info("No administrator existed: created '{}' with the configured password", admin.username());
        }
        return true;
    }

    /** 24 letters and digits (about 143 bits): easy to copy from a log, nothing a shell mangles. */
    private String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
