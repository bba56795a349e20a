package org.equilibrium.web;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in and sign-out in real headless Chromium against the running service. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = new Browser("http://127.0.0.1:" + server.getPort(), 390, 844);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void patientSignsInLandsOnTheirPageAndSignsOut() {
        Accounts.User patient = new Accounts(client).patient();

        browser.signIn(patient.username(), patient.password());
        browser.awaitUrlEnding("/app/patient.html", WAIT);
        browser.awaitText("#who", "Test " + patient.username(), WAIT);
        assertThat(browser.script("return sessionStorage.getItem('equilibrium.token')")).asString().isNotBlank();

        browser.signOut();
        assertThat(browser.script("return sessionStorage.getItem('equilibrium.token')")).isNull();
        // a signed-out visitor opening a page is sent back to the sign-in page
        browser.open("/app/patient.html");
        browser.awaitUrlEnding("/app/index.html", WAIT);
    }

    @Test
    void therapistSignsInToTheWard() {
        Accounts.User therapist = new Accounts(client).therapist();

        browser.signIn(therapist.username(), therapist.password());
        browser.awaitUrlEnding("/app/ward.html", WAIT);
        browser.awaitText("#ward-title", "Patients in session", WAIT);
        // a therapist opening the patient page is sent to the ward
        browser.open("/app/patient.html");
        browser.awaitUrlEnding("/app/ward.html", WAIT);
        browser.signOut();
    }

    @Test
    void wrongPasswordIsExplainedAndNothingIsStored() {
        Accounts.User patient = new Accounts(client).patient();

        browser.signIn(patient.username(), "not-the-password");
        browser.awaitText("#signin-error", "Wrong username or password.", WAIT);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/app/index.html");
        assertThat(browser.script("return sessionStorage.getItem('equilibrium.token')")).isNull();
    }

    @Test
    void theServiceRootLeadsToTheSignInPage() {
        browser.open("/");
        browser.awaitUrlEnding("/app/index.html", WAIT);
        assertThat(browser.byId("signin-submit").getText()).isEqualTo("Sign in");
    }
}
