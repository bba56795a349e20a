package org.equilibrium.people;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The first administrator when no password is configured: a one-time password, logged once. */
class AdminBootstrapTest {
    private static final Pattern ONE_TIME = Pattern.compile("one-time password (\\S+) ");

    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void generatesALoggedOneTimePasswordWhenNoneIsConfigured() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("equilibrium.admin.password", "", "equilibrium.admin.username", "root"), "test")) {
            AccountService accounts = context.getBean(AccountService.class);

            String logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("one-time password")).findFirst().orElseThrow();
            Matcher m = ONE_TIME.matcher(logged);
            assertThat(m.find()).isTrue();
            String password = m.group(1);

            assertThat(password).hasSizeGreaterThanOrEqualTo(PasswordPolicy.MIN_LENGTH);
            LoginResult login = accounts.checkCredentials("root", password);
            assertThat(login.succeeded()).isTrue();
            assertThat(login.account().role()).isEqualTo(Role.ADMINISTRATOR);

            // once an administrator exists, nothing more is created or logged
            assertThat(context.getBean(AdminBootstrap.class).ensureAdministrator()).isFalse();
            assertThat(appender.list.stream().filter(e -> e.getFormattedMessage().contains("one-time password")))
                    .hasSize(1);
        }
    }

    @Test
    void usesTheConfiguredPasswordAndNeverLogsIt() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("equilibrium.admin.password", "configured-admin-password"), "test")) {
            AccountService accounts = context.getBean(AccountService.class);

            assertThat(accounts.checkCredentials("admin", "configured-admin-password").succeeded()).isTrue();
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .isNotEmpty()
                    .noneMatch(message -> message.contains("configured-admin-password"));
        }
    }
}
