package org.equilibrium.storage.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.equilibrium.decode.StimReading;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.AutonomicState;
import org.equilibrium.session.autonomic.QualityFlag;
import org.equilibrium.session.autonomic.ScoreBasis;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.autonomic.WindowMetrics;
import org.equilibrium.storage.Sample;
import org.junit.jupiter.api.Test;

/** The session kinds of the InfluxDB schema (src/docs/influx-schema.md) as exact line protocol. */
class SessionSamplesLineTest {
    private static final long TS = 1_700_000_005_000L;
    private final InfluxLineMapper mapper = new InfluxLineMapper();

    private static WindowMetrics metrics(double hf) {
        return new WindowMetrics(TS, 62.5, 48.25, 55.0, hf, 1.5, 0.8, 6.1, 0.9, -0.4, 0.98, 0.01, null, 62);
    }

    @Test
    void hrvWindowIsTaggedByPatientWithTheSessionAsAFieldAndOmitsMetricsTheWindowDidNotAllow() {
        assertThat(mapper.line(new Sample.HrvWindow(17, "s-1", TS, metrics(Double.NaN))))
                .isEqualTo("hrv_window,patient=17 session=\"s-1\",hr_bpm=62.5,rmssd_ms=48.25,sdnn_ms=55.0,"
                        + "lf_hf=1.5,coherence=0.8,resp_rate_bpm=6.1,pns_index=0.9,sns_index=-0.4,coverage=0.98,"
                        + "artefact_fraction=0.01,beats=62i 1700000005000000000");
    }

    @Test
    void autonomicStateCarriesLabelQualityScoreConnectionAndStimulation() {
        AutonomicEstimate e = new AutonomicEstimate(TS, PhaseKind.PRACTICE, AutonomicState.PARASYMPATHETIC,
                AutonomicState.PARASYMPATHETIC, 1.5, 0.625, 1.75, 0.75, 0.8, QualityFlag.OK, ScoreBasis.BASELINE,
                metrics(310.0), new StimulationContext(true, StimReading.Modality.TENS, 20_000, "burst"));
        assertThat(mapper.line(new Sample.StateEstimate(17, "s-1", e, "live")))
                .isEqualTo("autonomic_state,patient=17 session=\"s-1\",phase=\"practice\",state=\"parasympathetic\","
                        + "held_state=\"parasympathetic\",quality=\"ok\",basis=\"baseline\",confidence=0.8,score=0.625,"
                        + "balance_z=1.5,relative_z=1.75,population_z=0.75,connection=\"live\",stim_on=true,"
                        + "stim_modality=\"tens\",stim_current_ua=20000.0,stim_program=\"burst\" 1700000005000000000");
    }

    @Test
    void anUnknownWindowOmitsItsNaNScores() {
        AutonomicEstimate e = new AutonomicEstimate(TS, PhaseKind.BASELINE, AutonomicState.UNKNOWN,
                AutonomicState.UNKNOWN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, QualityFlag.NO_CONTACT,
                ScoreBasis.NONE, metrics(310.0), StimulationContext.none());
        assertThat(mapper.line(new Sample.StateEstimate(3, "s-2", e, "lost")))
                .isEqualTo("autonomic_state,patient=3 session=\"s-2\",phase=\"baseline\",state=\"unknown\","
                        + "held_state=\"unknown\",quality=\"no-contact\",basis=\"none\",confidence=0.0,"
                        + "connection=\"lost\",stim_on=false 1700000005000000000");
    }

    @Test
    void sessionEventHasABoundedKindTagAndEscapesItsText() {
        assertThat(mapper.line(new Sample.SessionEvent(17, "s-1", TS, "marker", "reports \"pain\" 4/10", null)))
                .isEqualTo("session_event,kind=marker,patient=17 session=\"s-1\",text=\"reports \\\"pain\\\" 4/10\" "
                        + "1700000005000000000");
        assertThat(mapper.line(new Sample.SessionEvent(17, "s-1", TS, "rating", "pain-start", 4.0)))
                .isEqualTo("session_event,kind=rating,patient=17 session=\"s-1\",text=\"pain-start\",value=4.0 "
                        + "1700000005000000000");
    }

    @Test
    void refusesAnEventKindOutsideTheFixedSet() {
        assertThatThrownBy(() -> mapper.line(new Sample.SessionEvent(1, "s", TS, "whatever", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    }
}
