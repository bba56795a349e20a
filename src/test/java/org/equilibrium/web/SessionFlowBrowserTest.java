package org.equilibrium.web;

import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in real headless Chromium against the whole running service, real Mosquitto and InfluxDB and the
 * simulator publishing {@code web/ward-to-calm.yaml}: a patient pairs her strap and starts a session, the
 * therapist watches the ward and the session, adds a marker and changes the phase while the scenario moves
 * from stress to calm, the patient ends the session and reads her summary, the therapist reviews and exports.
 * Screenshots go to target/screenshots/. The steps depend on each other, so they run in order on shared state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionFlowBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration STATE_WAIT = Duration.ofSeconds(90);
    /** Virtual seconds per wall second once the session runs: the 7-min stress passes in about 20 s. */
    private static final double FAST = 20;

    @TempDir
    static Path dir;

    private WebStack stack;
    private Browser phone;
    private Browser desk;
    private Accounts.User alice;
    private Accounts.User bob;
    private Accounts.User carol;
    private Accounts.User therapist;
    private String aliceSession;
    private String bobSession;
    private String firstStressState;
    /** Steps completed so far: a step is skipped (not failed again) when an earlier one failed. */
    private int stepsDone;

    private void step(int n) {
        Assumptions.assumeTrue(stepsDone == n - 1, "an earlier step failed");
    }

    private void done(int n) {
        stepsDone = n;
    }

    @BeforeAll
    void start() throws Exception {
        stack = new WebStack(dir, Path.of("src/test/resources/web/ward-to-calm.yaml").toAbsolutePath().toString());
        Accounts accounts = stack.accounts;
        alice = accounts.create(org.equilibrium.people.Role.PATIENT, "alice-" + suffix());
        bob = accounts.create(org.equilibrium.people.Role.PATIENT, "bob-" + suffix());
        carol = accounts.create(org.equilibrium.people.Role.PATIENT, "carol-" + suffix());
        therapist = accounts.therapist();
        accounts.assign(therapist, alice);
        accounts.assign(therapist, carol); // not bob: his data must never reach this therapist's pages
        phone = new Browser(stack.baseUrl(), 390, 844);
        desk = new Browser(stack.baseUrl(), 1366, 900);
    }

    private static String suffix() {
        return Long.toHexString(System.nanoTime()).substring(6);
    }

    @AfterAll
    void stop() throws Exception {
        try (WebStack s = stack; Browser a = phone; Browser b = desk) {
            // closes all three, even when one fails
        }
    }

    @Test
    @Order(1)
    void patientPairsHerStrapWithTheClaimCodeAfterAWrongOne() throws Exception {
        step(1);
        stack.awaitDeviceListed(alice, "web-alice-strap", WAIT);
        stack.awaitDeviceListed(alice, "web-bob-strap", WAIT);
        // bob pairs his strap first: from then on it is his, and not listed to alice at all
        stack.post(bob, "/api/devices/web-bob-strap/claim", Map.of("claim_code", stack.device("web-bob-strap").claimCode()));

        phone.signIn(alice.username(), alice.password());
        phone.awaitUrlEnding("/app/patient.html", WAIT);
        WebElement item = phone.awaitVisible("#unpaired-list li[data-device-id='web-alice-strap']", WAIT);
        assertThat(phone.find("#unpaired-list").getText()).doesNotContain("web-bob-strap");
        item.findElement(By.tagName("button")).click();
        WebElement code = item.findElement(By.cssSelector("input[name=code]"));
        assertThat(phone.driver.switchTo().activeElement()).as("focus moves to the code field").isEqualTo(code);

        code.sendKeys("WRONG-CODE" + Keys.ENTER);
        phone.await(WAIT, d -> item.findElement(By.cssSelector(".error")).getText().contains("does not match"));

        code.clear();
        code.sendKeys(stack.device("web-alice-strap").claimCode() + Keys.ENTER);
        phone.awaitText("#pair-status", "is now paired with you", WAIT);
        phone.awaitVisible("#paired-list li[data-device-id='web-alice-strap']", WAIT);
        assertThat(phone.pageText()).doesNotContain("web-bob-strap").doesNotContain(bob.username());
        done(1);
    }

    @Test
    @Order(2)
    void patientStartsAPacedBreathingSessionAndSeesThePacerAndHerHeartRate() {
        step(2);
        // the TENS unit is paired through the API; bob and carol start their own sessions the same way
        stack.post(alice, "/api/devices/web-alice-tens/claim", Map.of("claim_code", stack.device("web-alice-tens").claimCode()));
        stack.post(carol, "/api/devices/web-carol-strap/claim", Map.of("claim_code", stack.device("web-carol-strap").claimCode()));
        bobSession = (String) stack.post(bob, "/api/sessions", Map.of("patient_id", bob.id(), "practice", "free",
                "context", "home")).get("id");
        // a clinic session is started by the therapist
        stack.post(therapist, "/api/sessions", Map.of("patient_id", carol.id(), "practice", "body-scan", "context", "clinic"));

        new Select(phone.byId("practice")).selectByValue("paced-breathing");
        WebElement rate = phone.byId("rate");
        rate.sendKeys(Keys.HOME); // 3/min, then up by keyboard to 6/min: the slider works without a mouse
        for (int i = 0; i < 6; i++) {
            rate.sendKeys(Keys.ARROW_RIGHT);
        }
        assertThat(phone.byId("rate-out").getText()).isEqualTo("6");
        phone.byId("start-session").click();

        phone.awaitVisible("#live", WAIT);
        stack.speed(FAST);
        assertThat(phone.byId("pacer-rate").getText()).contains("6 breaths a minute").contains("5.0 s in");
        String first = phone.byId("pacer-text").getText();
        phone.await(Duration.ofSeconds(8), d -> !phone.byId("pacer-text").getText().equals(first));
        phone.await(WAIT, d -> phone.byId("hr").getText().matches("\\d{2,3}"));
        // the first labelled reading comes during the scenario's stress stretch: not calm yet
        WebElement firstState = phone.await(STATE_WAIT, d -> d.findElements(By.cssSelector("#state-line .state"))
                .stream().findFirst().orElse(null));
        firstStressState = firstState.getAttribute("data-state");
        assertThat(firstStressState).isIn("sympathetic", "balanced");
        aliceSession = (String) stack.list(alice, "/api/sessions?active=true&patient_id=" + alice.id()).get(0).get("id");
        done(2);
    }

    @Test
    @Order(3)
    void therapistWardShowsATilePerVisibleSessionAndNeverBobs() {
        step(3);
        desk.signIn(therapist.username(), therapist.password());
        desk.awaitUrlEnding("/app/ward.html", WAIT);
        desk.awaitVisible(".tile[data-session-id='" + aliceSession + "']", WAIT);
        desk.await(WAIT, d -> desk.driver.findElements(By.cssSelector(".tile")).size() == 2);
        desk.await(WAIT, d -> desk.driver.findElements(By.cssSelector(".tile .hr")).stream()
                .allMatch(e -> e.getText().matches("\\d+ bpm")));
        assertThat(desk.driver.findElements(By.cssSelector(".tile[data-session-id='" + bobSession + "']"))).isEmpty();
        assertThat(desk.pageText()).contains(alice.username()).contains(carol.username()).doesNotContain(bob.username());
        // the state is colour + icon + words on every tile
        for (WebElement tile : desk.driver.findElements(By.cssSelector(".tile"))) {
            assertThat(tile.findElement(By.cssSelector(".state")).getText())
                    .matches("[▼●▲?]\\s*(Calm \\(parasympathetic\\)|Balanced|Activated \\(sympathetic\\)|No reading)");
        }
        done(3);
    }

    @Test
    @Order(4)
    void stateMovesToCalmOnThePatientPageAndTheWardAsTheScenarioCalmsDown() {
        step(4);
        phone.await(STATE_WAIT, d -> !phone.driver.findElements(
                By.cssSelector("#state-line .state[data-state='parasympathetic']")).isEmpty());
        assertThat(phone.byId("state-line").getText()).contains("Calm (parasympathetic)");
        assertThat(phone.byId("meter").getAttribute("class")).doesNotContain("off");
        assertThat(phone.byId("quality").getText()).isEmpty();
        phone.script("window.scrollTo(0, 0)");
        phone.screenshot("patient-live");

        desk.await(WAIT, d -> "parasympathetic".equals(
                desk.find(".tile[data-session-id='" + aliceSession + "']").getAttribute("data-state")));
        // the scenario peels alice's TENS electrode off during stimulation: an alert that stands out
        WebElement alert = desk.awaitVisible("#alerts .alert-item[data-kind='electrode-off']", WAIT);
        assertThat(alert.getText()).contains(alice.username()).contains("Electrode off");
        assertThat(desk.find(".tile[data-session-id='" + aliceSession + "']").getAttribute("class")).contains("has-alert");
        assertThat(desk.find(".tile[data-session-id='" + aliceSession + "'] .tile-alert").getText()).contains("Electrode off");
        desk.fitHeight(1366);
        desk.screenshot("ward");
        done(4);
    }

    @Test
    @Order(5)
    void patientSeesSignalQualityLowInsteadOfAReadingWhileTheStrapLosesContact() {
        step(5);
        phone.await(STATE_WAIT, d -> phone.byId("quality").getText().startsWith("Signal quality low"));
        assertThat(phone.byId("meter").getAttribute("class")).contains("off");
        assertThat(phone.byId("state-line").getText()).isEmpty();
        assertThat(phone.byId("meter").getAttribute("aria-valuetext")).startsWith("Signal quality low");
        phone.script("window.scrollTo(0, 0)");
        phone.screenshot("patient-signal-low");
        // contact back: a reading again
        phone.await(STATE_WAIT, d -> phone.byId("quality").getText().isEmpty()
                && !d.findElements(By.cssSelector("#state-line .state")).isEmpty());
        done(5);
    }

    @Test
    @Order(6)
    void therapistOpensTheLiveSessionAddsAMarkerAndChangesThePhase() {
        step(6);
        desk.find(".tile[data-session-id='" + aliceSession + "'] a").click();
        desk.awaitUrlEnding("session.html?id=" + aliceSession, WAIT);
        desk.awaitText("#session-title", alice.username(), WAIT);
        desk.awaitText("#mode", "Live", WAIT);

        WebElement marker = desk.awaitVisible("#marker-text", WAIT);
        marker.sendKeys("breathing settled" + Keys.ENTER);
        desk.awaitText("#marker-status", "breathing settled", WAIT);

        new Select(desk.byId("phase-select")).selectByValue("recovery");
        desk.byId("change-phase").click();
        desk.awaitText("#phase-status", "Recovery", WAIT);
        desk.awaitText("#now-phase", "Recovery", WAIT);

        // the charts have drawn data: their accessible names carry the latest values
        desk.await(WAIT, d -> desk.byId("chart-rr").getAttribute("aria-label").matches(".*RR interval: \\d+ ms.*"));
        desk.await(WAIT, d -> desk.byId("chart-hr").getAttribute("aria-label").matches(".*Heart rate: \\d+ bpm.*"));
        assertThat(desk.byId("chart-rr").getAttribute("aria-label")).contains("1 markers");
        done(6);
    }

    @Test
    @Order(7)
    void patientEndsTheSessionAndReadsHerSummaryInPlainWords() {
        step(7);
        new Select(phone.byId("calm-end")).selectByVisibleText("8");
        phone.byId("end-session").click();
        phone.awaitVisible("#summary", WAIT);
        phone.await(WAIT, d -> !phone.byId("summary-sentences").getText().contains("Putting your summary together"));
        assertThat(phone.driver.findElements(By.cssSelector("#summary-sentences li"))).hasSizeGreaterThanOrEqualTo(1);
        assertThat(phone.byId("summary-sentences").getText()).doesNotContain("not available");
        phone.fitHeight(390);
        phone.screenshot("patient-summary");
        done(7);
    }

    @Test
    @Order(8)
    void therapistSeesTheReviewWithSummaryTableAndExportsTheBeats() throws Exception {
        step(8);
        // the open session page turns into the review when the session ends
        desk.awaitText("#mode", "Review", WAIT);
        desk.awaitVisible("#review", WAIT);
        desk.await(WAIT, d -> desk.driver.findElements(By.cssSelector("#summary-table tbody tr")).size() >= 2);
        assertThat(desk.byId("marker-list").getText()).contains("breathing settled");

        // a fresh load of the review reads everything back from the history endpoints
        desk.open("/app/session.html?id=" + aliceSession);
        desk.awaitText("#mode", "Review", WAIT);
        desk.await(WAIT, d -> desk.byId("chart-rr").getAttribute("aria-label").matches(".*RR interval: \\d+ ms.*"));
        desk.await(WAIT, d -> desk.driver.findElements(By.cssSelector("#summary-table tbody tr")).size() >= 2);

        desk.find("#exports button[data-format='beats-csv']").click();
        desk.awaitText("#export-status", "Downloaded", WAIT);
        Path csv = desk.await(WAIT, d -> {
            try (Stream<Path> files = Files.list(desk.downloadDir)) {
                return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.size()).as("beats exported").isGreaterThan(100);
        desk.find("#exports button[data-format='fhir']").click();
        desk.awaitText("#export-status", "fhir", WAIT);

        desk.fitHeight(1366);
        desk.screenshot("session-review");
        done(8);
    }

    @Test
    @Order(9)
    void anotherPatientsSessionNeverAppearsForTheTherapist() {
        step(9);
        desk.open("/app/session.html?id=" + bobSession);
        desk.awaitText("#page-error", "does not exist or is not one of your patients", WAIT);
        assertThat(desk.pageText()).doesNotContain(bob.username());
        assertThat(desk.byId("chart-hr").getAttribute("aria-label")).contains("Heart rate: no data");

        desk.open("/app/ward.html");
        desk.awaitText("#feed", "live", WAIT);
        WebElement button = desk.await(WAIT, d -> d.findElements(By.cssSelector("#patients button")).size() == 2
                ? d.findElements(By.cssSelector("#patients button")).get(0) : null);
        assertThat(desk.find("#patients").getText()).contains(alice.username()).doesNotContain(bob.username());
        button.click();
        assertThat(desk.pageText()).doesNotContain(bob.username());
        done(9);
    }
}
