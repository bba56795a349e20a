package org.equilibrium.session.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.equilibrium.session.Rating;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionFixtures;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.summary.SummaryFixtureAccess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.session.SessionFixtures.T0;

class JsonExportTest {

    @Test
    void holdsSessionPhasesMarkersRatingsSummaryAndSeries() throws Exception {
        Session session = SessionFixtures.clinicSession(new SessionPlan(120_000, 120_000L, null))
                .rate(Rating.Scale.PAIN, Rating.Moment.START, 4, T0 + 5_000)
                .addMarker("started \"slow\" breathing", T0 + 121_000, T0 + 121_000)
                .end(T0 + 300_000);
        JsonNode doc = new ObjectMapper().readTree(JsonExport.session(session, SummaryFixtureAccess.summary(),
                SummaryFixtureAccess.estimates()));

        assertThat(doc.get("format").asText()).isEqualTo("equilibrium-session");
        assertThat(doc.at("/session/id").asText()).isEqualTo("s-1");
        assertThat(doc.at("/session/practice/type").asText()).isEqualTo("paced-breathing");
        assertThat(doc.at("/session/practice/breaths_per_minute").asDouble()).isEqualTo(6.0);
        assertThat(doc.at("/session/modalities").toString()).isEqualTo("[\"tens\",\"mindfulness\"]");
        assertThat(doc.at("/session/status").asText()).isEqualTo("ended");
        assertThat(doc.at("/session/ended_at").asText()).isEqualTo("2025-11-21T16:05:00.000Z");
        assertThat(doc.get("phases")).hasSize(3);
        assertThat(doc.at("/phases/1/kind").asText()).isEqualTo("practice");
        assertThat(doc.at("/phases/1/start_ms").asLong()).isEqualTo(T0 + 120_000);
        assertThat(doc.at("/markers/0/text").asText()).isEqualTo("started \"slow\" breathing");
        assertThat(doc.at("/ratings/0/scale").asText()).isEqualTo("pain");
        assertThat(doc.at("/ratings/0/value").asInt()).isEqualTo(4);
        assertThat(doc.at("/summary/phases/1/stimulation/charge_microamp_seconds").asDouble()).isEqualTo(1_137_500.0);
        assertThat(doc.at("/summary/phases/1/time_in_state_ms/parasympathetic").asLong()).isEqualTo(90_000);
        assertThat(doc.at("/summary/phases/1/pns_index").isNull()).isTrue();
        assertThat(doc.get("series")).hasSize(60);
        assertThat(doc.at("/series/0/state").asText()).isEqualTo("unknown");
        assertThat(doc.at("/series/0/quality").asText()).isEqualTo("warming-up");
        assertThat(doc.at("/series/0/balance_z").isNull()).isTrue();
        assertThat(doc.at("/series/30/stimulation/current_ua").asDouble()).isEqualTo(10_000.0);
        assertThat(doc.at("/series/30/stimulation/program").asText()).isEqualTo("burst");
    }
}
