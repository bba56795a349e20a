package org.equilibrium.session.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.equilibrium.session.RecordedBeat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.equilibrium.session.SessionFixtures.STRAP;
import static org.equilibrium.session.SessionFixtures.T0;

class OmhExportTest {

    @Test
    void eachBeatIsAnRrIntervalDataPoint() throws Exception {
        JsonNode points = new ObjectMapper().readTree(OmhExport.rrIntervals("p-1",
                List.of(new RecordedBeat(STRAP, T0, 850), new RecordedBeat(STRAP, T0 + 812, 812.5)), T0 + 5_000));
        assertThat(points.isArray()).isTrue();
        assertThat(points).hasSize(2);
        JsonNode p = points.get(1);
        assertThat(p.at("/header/schema_id/namespace").asText()).isEqualTo("omh");
        assertThat(p.at("/header/schema_id/name").asText()).isEqualTo("rr-interval");
        assertThat(p.at("/header/schema_id/version").asText()).isEqualTo("1.0");
        assertThat(p.at("/header/id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(p.at("/header/creation_date_time").asText()).isEqualTo("2025-11-21T16:00:05.000Z");
        assertThat(p.at("/header/acquisition_provenance/modality").asText()).isEqualTo("sensed");
        assertThat(p.at("/header/acquisition_provenance/source_name").asText()).isEqualTo("Equilibrium strap-1");
        assertThat(p.at("/header/user_id").asText()).isEqualTo("p-1");
        assertThat(p.at("/body/rr_interval/value").decimalValue()).isEqualByComparingTo("812.5");
        assertThat(p.at("/body/rr_interval/unit").asText()).isEqualTo("ms");
        assertThat(p.at("/body/effective_time_frame/date_time").asText()).isEqualTo("2025-11-21T16:00:00.812Z");
        assertThat(p.get("body").size()).isEqualTo(2);
        assertThat(points.get(0).at("/header/id").asText()).isNotEqualTo(p.at("/header/id").asText());
    }

    @Test
    void requiresAUser() {
        assertThatThrownBy(() -> OmhExport.rrIntervals(" ", List.of(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
