package org.equilibrium.people.auth;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import org.equilibrium.people.Account;
import org.equilibrium.people.AccountService;
import org.equilibrium.people.LoginResult;
import org.equilibrium.people.Usernames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code POST /login} credentials against the accounts. Runs on the blocking executor
 * (JDBC and Argon2id). Failed logins are counted per username and client address by
 * {@link LoginThrottle} and logged with both (never with the password); a blocked key is refused
 * before any password check. The client gets the same answer for an unknown username, a wrong
 * password and a disabled account.
 */
@Singleton
public class AccountAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    /** JWT claim carrying the account id; read back by {@link Callers}. */
    public static final String ACCOUNT_ID_CLAIM = "aid";

    private static final Logger LOG = LoggerFactory.getLogger(AccountAuthenticationProvider.class);

    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final HttpClientAddressResolver addresses;

    public AccountAuthenticationProvider(AccountService accounts, LoginThrottle throttle,
                                         HttpClientAddressResolver addresses) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                                        @NonNull AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        String client = request == null ? "unknown" : Optional.ofNullable(addresses.resolve(request)).orElse("unknown");
        String key = Usernames.normalise(username) + "|" + client;
        Instant now = Instant.now();

        Optional<Duration> blocked = throttle.blockedFor(key, now);
        if (blocked.isPresent()) {
            LOG.warn("Login refused for username '{}' from {}: too many failures, blocked for {} s more",
                    Usernames.forLog(username), client, blocked.get().toSeconds());
            return new LoginThrottled(blocked.get());
        }

        LoginResult result = accounts.checkCredentials(username, credentials.getSecret());
        if (!result.succeeded()) {
            int count = throttle.recordFailure(key, now);
            LOG.warn("Failed login for username '{}' from {} ({}): {} of {} allowed in {}",
                    Usernames.forLog(username), client, result.failure(), count, throttle.maxFailures(),
                    throttle.window());
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        throttle.reset(key);
        Account account = result.account();
        LOG.info("Login of '{}' ({}) from {}", account.username(), account.role(), client);
        return AuthenticationResponse.success(account.username(), List.of(account.role().name()),
                Map.of(ACCOUNT_ID_CLAIM, account.id()));
    }
}
