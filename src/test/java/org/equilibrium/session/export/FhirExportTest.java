package org.equilibrium.session.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.StartedBy;
import org.equilibrium.session.summary.SessionSummary;
import org.equilibrium.session.summary.SummaryCalculator;
import org.equilibrium.session.summary.SummaryFixtureAccess;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.session.SessionFixtures.STRAP;
import static org.equilibrium.session.SessionFixtures.T0;

class FhirExportTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode bundle() throws Exception {
        return json.readTree(FhirExport.bundle(SummaryFixtureAccess.session(), SummaryFixtureAccess.summary(),
                T0 + 400_000));
    }

    private static List<JsonNode> observations(JsonNode bundle) {
        List<JsonNode> out = new ArrayList<>();
        bundle.get("entry").forEach(e -> out.add(e.get("resource")));
        return out;
    }

    private static List<JsonNode> withCode(JsonNode bundle, String code) {
        return observations(bundle).stream()
                .filter(o -> o.at("/code/coding/0/code").asText().equals(code)).toList();
    }

    @Test
    void isACollectionBundleOfObservationsWithTheRequiredElements() throws Exception {
        JsonNode b = bundle();
        assertThat(b.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(b.get("type").asText()).isEqualTo("collection");
        assertThat(b.get("timestamp").asText()).isEqualTo("2025-11-21T16:06:40.000Z");
        // 3 phases × (HR, SDNN, RMSSD, HF, LF/HF, coherence); PNS/SNS were not available, so left out
        assertThat(b.get("entry")).hasSize(18);
        for (JsonNode entry : b.get("entry")) {
            JsonNode o = entry.get("resource");
            assertThat(entry.get("fullUrl").asText()).isEqualTo("urn:uuid:" + o.get("id").asText());
            assertThat(o.get("resourceType").asText()).isEqualTo("Observation");
            assertThat(o.get("status").asText()).isEqualTo("final");
            assertThat(o.at("/code/coding/0/system").asText()).isNotEmpty();
            assertThat(o.at("/subject/reference").asText()).isEqualTo("Patient/p-1");
            assertThat(o.at("/device/reference").asText()).isEqualTo("Device/strap-1");
            assertThat(o.at("/effectivePeriod/start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(o.at("/valueQuantity/value").isNumber()).isTrue();
            assertThat(o.at("/valueQuantity/system").asText()).isEqualTo("http://unitsofmeasure.org");
        }
    }

    @Test
    void heartRateIsAVitalSignWithLoincAndUcumPerMinute() throws Exception {
        List<JsonNode> hr = withCode(bundle(), "8867-4");
        assertThat(hr).hasSize(3);
        JsonNode practice = hr.get(1);
        assertThat(practice.at("/code/coding/0/system").asText()).isEqualTo("http://loinc.org");
        assertThat(practice.at("/category/0/coding/0/system").asText())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/observation-category");
        assertThat(practice.at("/category/0/coding/0/code").asText()).isEqualTo("vital-signs");
        assertThat(practice.at("/valueQuantity/code").asText()).isEqualTo("/min");
        assertThat(practice.at("/valueQuantity/value").asDouble()).isEqualTo(65.0);
        assertThat(practice.at("/effectivePeriod/start").asText()).isEqualTo("2025-11-21T16:02:00.000Z");
        assertThat(practice.at("/effectivePeriod/end").asText()).isEqualTo("2025-11-21T16:04:00.000Z");
    }

    @Test
    void sdnnUsesLoincAndTheRestTheLocalCodeSystem() throws Exception {
        JsonNode b = bundle();
        List<JsonNode> sdnn = withCode(b, "80404-7");
        assertThat(sdnn).hasSize(3);
        assertThat(sdnn.get(0).at("/code/coding/0/system").asText()).isEqualTo("http://loinc.org");
        assertThat(sdnn.get(0).at("/valueQuantity/code").asText()).isEqualTo("ms");
        assertThat(sdnn.get(0).at("/valueQuantity/value").asDouble()).isEqualTo(36.0);   // 1.2 × RMSSD 30

        List<JsonNode> rmssd = withCode(b, "rmssd");
        assertThat(rmssd).hasSize(3);
        assertThat(rmssd.get(0).at("/code/coding/0/system").asText())
                .isEqualTo("https://equilibrium.example/fhir/CodeSystem/hrv");
        assertThat(rmssd.get(0).at("/valueQuantity/code").asText()).isEqualTo("ms");
        assertThat(withCode(b, "lf-hf-ratio").get(0).at("/valueQuantity/code").asText()).isEqualTo("1");
        assertThat(withCode(b, "hf-power").get(0).at("/valueQuantity/code").asText()).isEqualTo("ms2");
        // LOINC is used for exactly two codes, never for the metrics without one
        assertThat(observations(b).stream().filter(o -> o.at("/code/coding/0/system").asText()
                .equals("http://loinc.org")).map(o -> o.at("/code/coding/0/code").asText()).distinct().toList())
                .containsExactlyInAnyOrder("8867-4", "80404-7");
        // only heart rate is categorised as a vital sign
        assertThat(observations(b).stream().filter(o -> o.has("category")).count()).isEqualTo(3);
    }

    @Test
    void sameSessionGivesTheSameBundle() {
        String a = FhirExport.bundle(SummaryFixtureAccess.session(), SummaryFixtureAccess.summary(), T0);
        String b = FhirExport.bundle(SummaryFixtureAccess.session(), SummaryFixtureAccess.summary(), T0);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void activeSessionIsPreliminaryAndNonFhirIdsBecomeIdentifierReferences() throws Exception {
        Session active = Session.start("s_9", "patient_7", new StartedBy("t-1", StartedBy.Role.THERAPIST),
                Practice.of(PracticeType.BODY_SCAN), Set.of(), CareContext.CLINIC, STRAP, List.of(),
                SessionPlan.defaults(), T0);
        SessionSummary summary = new SummaryCalculator(5_000, 15_000).summarize(active, List.of(),
                SummaryFixtureAccess.estimates(), List.of(), T0 + 150_000);
        JsonNode b = json.readTree(FhirExport.bundle(active, summary, T0 + 150_000));
        JsonNode o = b.at("/entry/0/resource");
        assertThat(o.get("status").asText()).isEqualTo("preliminary");
        assertThat(o.at("/subject/reference").isMissingNode()).isTrue();
        assertThat(o.at("/subject/identifier/value").asText()).isEqualTo("patient_7");
        assertThat(o.at("/subject/type").asText()).isEqualTo("Patient");
    }
}
