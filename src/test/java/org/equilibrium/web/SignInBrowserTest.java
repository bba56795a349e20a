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

import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    void signInWorksWithTheKeyboardAlone() {
        Accounts.User therapist = new Accounts(client).therapist();

        browser.open("/app/index.html");
        browser.awaitVisible("#username", WAIT);
        // the username field has focus on arrival; Tab reaches the password, Enter submits
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("username");
        browser.driver.switchTo().activeElement().sendKeys(therapist.username(), Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        browser.driver.switchTo().activeElement().sendKeys(therapist.password(), Keys.ENTER);
        browser.awaitUrlEnding("/app/ward.html", WAIT);
        // the first Tab stop of an inner page is the skip link, and focus is drawn visibly
        browser.find("body").sendKeys(Keys.TAB);
        WebElement first = browser.driver.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Skip to content");
        assertThat(browser.script("return getComputedStyle(arguments[0]).outlineStyle", first)).isEqualTo("solid");
        browser.signOut();
    }

    @Test
    void pacerStandsStillWhenTheSystemAsksForReducedMotion() {
        Accounts.User patient = new Accounts(client).patient();
        browser.signIn(patient.username(), patient.password());
        browser.awaitUrlEnding("/app/patient.html", WAIT);
        String animationOfRunningPacer = "document.getElementById('pacer').classList.add('running');"
                + "return getComputedStyle(document.querySelector('.pacer-ball')).animationName";
        try {
            assertThat(browser.script(animationOfRunningPacer)).isEqualTo("breathe");
            emulateReducedMotion("reduce");
            assertThat(browser.script(animationOfRunningPacer)).isEqualTo("none");
        } finally {
            emulateReducedMotion("");
            browser.signOut();
        }
    }

    private void emulateReducedMotion(String value) {
        ((ChromeDriver) browser.driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", value))));
    }

    @Test
    void theServiceRootLeadsToTheSignInPage() {
        browser.open("/");
        browser.awaitUrlEnding("/app/index.html", WAIT);
        assertThat(browser.byId("signin-submit").getText()).isEqualTo("Sign in");
    }
}
