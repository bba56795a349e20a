package org.equilibrium.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.equilibrium.session.SessionFixtures.STRAP;
import static org.equilibrium.session.SessionFixtures.T0;
import static org.equilibrium.session.SessionFixtures.clinicSession;

class SessionTest {

    @Test
    void defaultPlanIsThreeMinuteBaselineThenOpenPractice() {
        Session s = clinicSession();
        assertThat(s.phases()).containsExactly(
                new Phase(PhaseKind.BASELINE, T0, T0 + 180_000),
                new Phase(PhaseKind.PRACTICE, T0 + 180_000, null));
        assertThat(s.phaseAt(T0 + 179_999)).contains(PhaseKind.BASELINE);
        assertThat(s.phaseAt(T0 + 180_000)).contains(PhaseKind.PRACTICE);
        assertThat(s.phaseAt(T0 - 1)).isEmpty();
        assertThat(s.status()).isEqualTo(Session.Status.ACTIVE);
    }

    @Test
    void pacedBreathingDefaultsToSixPerMinuteAndRejectsImpossibleRates() {
        assertThat(new Practice(PracticeType.PACED_BREATHING, null).breathsPerMinute()).isEqualTo(6.0);
        assertThatThrownBy(() -> Practice.pacedBreathing(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2.0, 30.0]");
        assertThatThrownBy(() -> new Practice(PracticeType.BODY_SCAN, 6.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only applies to paced breathing");
    }

    @Test
    void startingPracticeEarlyShortensTheBaseline() {
        Session s = clinicSession().startPhase(PhaseKind.PRACTICE, T0 + 120_000);
        assertThat(s.phases()).containsExactly(
                new Phase(PhaseKind.BASELINE, T0, T0 + 120_000),
                new Phase(PhaseKind.PRACTICE, T0 + 120_000, null));
    }

    @Test
    void phasesNeverGoBackwards() {
        Session inPractice = clinicSession().startPhase(PhaseKind.PRACTICE, T0 + 100_000);
        assertThatThrownBy(() -> inPractice.startPhase(PhaseKind.BASELINE, T0 + 110_000))
                .isInstanceOf(IllegalSessionChangeException.class)
                .hasMessageContaining("phases only move forward");
        assertThatThrownBy(() -> inPractice.startPhase(PhaseKind.PRACTICE, T0 + 110_000))
                .isInstanceOf(IllegalSessionChangeException.class);
    }

    @Test
    void startingRecoveryDuringBaselineSkipsPractice() {
        Session s = clinicSession().startPhase(PhaseKind.RECOVERY, T0 + 60_000);
        assertThat(s.phases()).containsExactly(
                new Phase(PhaseKind.BASELINE, T0, T0 + 60_000),
                new Phase(PhaseKind.RECOVERY, T0 + 60_000, null));
    }

    @Test
    void plannedPhasesCanBeMovedButNotIntoThePast() {
        Session s = clinicSession().planPhase(PhaseKind.PRACTICE, T0 + 300_000, T0 + 60_000);
        assertThat(s.phases().get(0)).isEqualTo(new Phase(PhaseKind.BASELINE, T0, T0 + 300_000));

        assertThatThrownBy(() -> s.planPhase(PhaseKind.PRACTICE, T0 + 50_000, T0 + 60_000))
                .isInstanceOf(IllegalSessionChangeException.class).hasMessageContaining("the past cannot change");
    }

    @Test
    void aStartedPhaseCannotBeMovedOrCancelled() {
        Session s = clinicSession();
        long now = T0 + 200_000;   // practice started at T0 + 180 s
        assertThatThrownBy(() -> s.planPhase(PhaseKind.PRACTICE, now + 10_000, now))
                .isInstanceOf(IllegalSessionChangeException.class).hasMessageContaining("it started at " + (T0 + 180_000));
        assertThatThrownBy(() -> s.cancelPhase(PhaseKind.PRACTICE, now))
                .isInstanceOf(IllegalSessionChangeException.class);
    }

    @Test
    void plansMustKeepPhasesInOrderWithoutOverlap() {
        Session s = clinicSession(new SessionPlan(180_000, 600_000L, null));
        assertThat(s.phases()).extracting(Phase::kind)
                .containsExactly(PhaseKind.BASELINE, PhaseKind.PRACTICE, PhaseKind.RECOVERY);
        // recovery planned before practice starts would overlap it
        assertThatThrownBy(() -> s.planPhase(PhaseKind.RECOVERY, T0 + 100_000, T0 + 10_000))
                .isInstanceOf(IllegalSessionChangeException.class)
                .hasMessageContaining("must start after practice");
        Session moved = s.planPhase(PhaseKind.RECOVERY, T0 + 900_000, T0 + 10_000);
        assertThat(moved.timeline().startOf(PhaseKind.RECOVERY)).map(PhaseTimeline.Start::startMs)
                .contains(T0 + 900_000);
    }

    @Test
    void changesMayNotGoBackInTime() {
        Session s = clinicSession().addMarker("settled in", T0 + 30_000, T0 + 40_000);
        assertThatThrownBy(() -> s.addMarker("late", T0 + 35_000, T0 + 39_000))
                .isInstanceOf(IllegalSessionChangeException.class).hasMessageContaining("time does not go back");
    }

    @Test
    void markersKeepTimeOrderAndMustLieInTheSession() {
        Session s = clinicSession()
                .addMarker("started body scan", T0 + 50_000, T0 + 50_000)
                .addMarker("  reports pain 4/10 ", T0 + 20_000, T0 + 60_000);
        assertThat(s.markers()).containsExactly(new Marker(T0 + 20_000, "reports pain 4/10"),
                new Marker(T0 + 50_000, "started body scan"));
        assertThatThrownBy(() -> s.addMarker("future", T0 + 70_000, T0 + 60_000))
                .isInstanceOf(IllegalSessionChangeException.class);
        assertThatThrownBy(() -> s.addMarker("   ", T0 + 60_000, T0 + 60_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void ratingsMustBeZeroToTen() {
        Session s = clinicSession();
        assertThatThrownBy(() -> s.rate(Rating.Scale.PAIN, Rating.Moment.START, 11, T0 + 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 10], got 11");
        assertThatThrownBy(() -> s.rate(Rating.Scale.CALM, Rating.Moment.START, -1, T0 + 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.rate(Rating.Scale.PAIN, Rating.Moment.START, 0, T0 + 1_000)
                .rate(Rating.Scale.CALM, Rating.Moment.START, 10, T0 + 2_000).ratings()).hasSize(2);
    }

    @Test
    void startRatingsBeforePracticeEndRatingsAfterIt() {
        Session s = clinicSession(new SessionPlan(180_000, 600_000L, null));
        assertThatThrownBy(() -> s.rate(Rating.Scale.PAIN, Rating.Moment.START, 4, T0 + 300_000))
                .isInstanceOf(IllegalSessionChangeException.class).hasMessageContaining("before practice begins");
        assertThatThrownBy(() -> s.rate(Rating.Scale.PAIN, Rating.Moment.END, 2, T0 + 200_000))
                .isInstanceOf(IllegalSessionChangeException.class).hasMessageContaining("in recovery");

        // within a minute of the practice start a start rating is still accepted
        assertThat(s.rate(Rating.Scale.CALM, Rating.Moment.START, 3, T0 + 240_000).ratings()).hasSize(1);
        assertThatThrownBy(() -> s.rate(Rating.Scale.CALM, Rating.Moment.START, 3, T0 + 240_001))
                .isInstanceOf(IllegalSessionChangeException.class);

        Session rated = s.rate(Rating.Scale.PAIN, Rating.Moment.START, 4, T0 + 10_000)
                .rate(Rating.Scale.PAIN, Rating.Moment.END, 2, T0 + 800_000);
        assertThat(rated.rating(Rating.Scale.PAIN, Rating.Moment.START)).map(Rating::value).contains(4);
        assertThat(rated.rating(Rating.Scale.PAIN, Rating.Moment.END)).map(Rating::value).contains(2);
    }

    @Test
    void ratingAgainCorrectsTheEarlierValue() {
        Session s = clinicSession().rate(Rating.Scale.CALM, Rating.Moment.START, 3, T0 + 1_000)
                .rate(Rating.Scale.CALM, Rating.Moment.START, 5, T0 + 2_000);
        assertThat(s.ratings()).containsExactly(new Rating(Rating.Scale.CALM, Rating.Moment.START, 5, T0 + 2_000));
    }

    @Test
    void endClosesTheOpenPhaseDropsPlansAndFreezesTheSession() {
        Session s = clinicSession(new SessionPlan(180_000, 600_000L, null)).end(T0 + 400_000);
        assertThat(s.status()).isEqualTo(Session.Status.ENDED);
        assertThat(s.phases()).containsExactly(
                new Phase(PhaseKind.BASELINE, T0, T0 + 180_000),
                new Phase(PhaseKind.PRACTICE, T0 + 180_000, T0 + 400_000));
        assertThatThrownBy(() -> s.end(T0 + 500_000)).isInstanceOf(IllegalSessionChangeException.class)
                .hasMessageContaining("ended at " + (T0 + 400_000));
        assertThatThrownBy(() -> s.addMarker("x", T0 + 400_000, T0 + 500_000))
                .isInstanceOf(IllegalSessionChangeException.class);
        assertThatThrownBy(() -> s.rate(Rating.Scale.PAIN, Rating.Moment.START, 1, T0 + 500_000))
                .isInstanceOf(IllegalSessionChangeException.class);
        // the end rating is usually given right after the end
        assertThat(s.rate(Rating.Scale.PAIN, Rating.Moment.END, 1, T0 + 430_000).ratings()).hasSize(1);
    }

    @Test
    void patientsStartHomeSessionsOnlyAndAdministratorsNone() {
        assertThatThrownBy(() -> Session.start("s-2", "p-1", new StartedBy("p-1", StartedBy.Role.PATIENT),
                Practice.of(PracticeType.BODY_SCAN), Set.of(), CareContext.CLINIC, STRAP, List.of(), null, T0))
                .isInstanceOf(IllegalSessionChangeException.class);
        assertThatThrownBy(() -> Session.start("s-2", "p-1", new StartedBy("a-1", StartedBy.Role.ADMINISTRATOR),
                Practice.of(PracticeType.BODY_SCAN), Set.of(), CareContext.HOME, STRAP, List.of(), null, T0))
                .isInstanceOf(IllegalSessionChangeException.class);
        Session home = Session.start("s-2", "p-1", new StartedBy("p-1", StartedBy.Role.PATIENT),
                Practice.of(PracticeType.OPEN_MONITORING), Set.of(), CareContext.HOME, STRAP, List.of(),
                new SessionPlan(0, null, null), T0);
        assertThat(home.phases()).containsExactly(new Phase(PhaseKind.PRACTICE, T0, null));
    }

    @Test
    void rejectsMalformedIds() {
        assertThatThrownBy(() -> Session.start("s 1", "p-1", new StartedBy("t-1", StartedBy.Role.THERAPIST),
                Practice.of(PracticeType.FREE), Set.of(), CareContext.CLINIC, STRAP, List.of(), null, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session id");
    }
}
