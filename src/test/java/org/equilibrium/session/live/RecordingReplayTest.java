package org.equilibrium.session.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.TestData;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.StartedBy;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.junit.jupiter.api.Test;

/**
 * Real recordings (shared/datasets/rr) replayed as sessions through the live engine the service runs: beats in
 * through the ingest listener interface, one estimate per 5 s out, on the recording's own clock.
 *
 * <p><b>What is compared.</b> The state label is relative to each session's own baseline, so two different
 * people (or one person in two 10-min segments without a shared baseline) cannot be compared by label. Between
 * recordings we compare the population indices the estimator carries with every window: the Kubios-style PNS and
 * SNS indices (SD units from population norms), averaged over quality-ok windows. Within one recording (rest then
 * exercise) the baseline is the rest part, so there the labels are compared too.
 */
class RecordingReplayTest {
    private static final long T0 = 1_763_740_800_000L;

    record Replay(List<AutonomicEstimate> estimates) {
        List<AutonomicEstimate> ok(long fromS, long toS) {
            return estimates.stream().filter(AutonomicEstimate::qualityOk)
                    .filter(e -> e.windowEndMs() >= T0 + fromS * 1000 && e.windowEndMs() < T0 + toS * 1000).toList();
        }

        double meanPns(long fromS, long toS) {
            return ok(fromS, toS).stream().mapToDouble(e -> e.metrics().pnsIndex()).filter(Double::isFinite)
                    .average().orElseThrow();
        }

        double meanSns(long fromS, long toS) {
            return ok(fromS, toS).stream().mapToDouble(e -> e.metrics().snsIndex()).filter(Double::isFinite)
                    .average().orElseThrow();
        }

        long labelled(String state, long fromS, long toS) {
            return ok(fromS, toS).stream().filter(e -> e.state().wireName().equals(state)).count();
        }
    }

    static Replay replay(String recording) throws Exception {
        double[] rr = TestData.intervals(recording);
        AtomicLong clock = new AtomicLong(T0);
        LiveSessionEngine engine = new LiveSessionEngine(EngineSettings.DEFAULTS, new HrvAnalyzer(HrvConfig.DEFAULT),
                EstimatorSettings.defaults(), samples -> CompletableFuture.completedFuture(null), clock::get);
        List<AutonomicEstimate> out = new ArrayList<>();
        engine.addListener(new SessionListener() {
            @Override
            public void estimate(LiveEstimate e) {
                out.add(e.estimate());
            }
        });
        DeviceId strap = new DeviceId("strap-" + recording);
        Session s = Session.start("s-" + recording, "1", new StartedBy("2", StartedBy.Role.THERAPIST),
                Practice.of(PracticeType.FREE), Set.of(), CareContext.CLINIC, strap, List.of(),
                SessionPlan.defaults(), T0);
        engine.open(s, 1);
        double t = T0;
        for (double r : rr) {
            t += r;
            engine.onBeat(strap, Math.round(t), r);
            // The wall clock follows the recording, as a strap streaming in real time would.
            clock.set(Math.round(t));
            engine.poll();
        }
        return new Replay(out);
    }

    @Test
    void nightRecordingIsMoreParasympatheticThanDayRecording() throws Exception {
        Replay day = replay("nsr001_day");
        Replay night = replay("nsr004_night");
        System.out.printf("nsr004_night PNS %.2f SNS %.2f; nsr001_day PNS %.2f SNS %.2f%n", night.meanPns(0, 600),
                night.meanSns(0, 600), day.meanPns(0, 600), day.meanSns(0, 600));
        assertThat(night.ok(0, 600)).hasSizeGreaterThan(60);
        assertThat(day.ok(0, 600)).hasSizeGreaterThan(60);
        assertThat(night.meanPns(0, 600)).isGreaterThan(day.meanPns(0, 600) + 1.0);
        assertThat(night.meanSns(0, 600)).isLessThan(day.meanSns(0, 600) - 1.0);
    }

    @Test
    void exercisePartOfRhbExerciseIsMoreSympatheticThanItsRestPart() throws Exception {
        Replay r = replay("rhb_exercise");
        // README: ~6 min rest at ~75 bpm, ~30 min exercise at 100-107 bpm. Rest = the first 6 min (the first 3 are
        // the session's baseline); exercise = minutes 9 to 35, clear of the transition.
        double restSns = r.meanSns(60, 360);
        double exerciseSns = r.meanSns(540, 2100);
        System.out.printf("rhb_exercise rest SNS %.2f PNS %.2f; exercise SNS %.2f PNS %.2f; sympathetic %d of %d%n",
                restSns, r.meanPns(60, 360), exerciseSns, r.meanPns(540, 2100), r.labelled("sympathetic", 540, 2100),
                r.ok(540, 2100).size());
        assertThat(exerciseSns).isGreaterThan(restSns + 1.0);
        assertThat(r.meanPns(540, 2100)).isLessThan(r.meanPns(60, 360));
        long sympathetic = r.labelled("sympathetic", 540, 2100);
        assertThat(sympathetic).as("exercise windows labelled sympathetic against the rest baseline")
                .isGreaterThan(r.ok(540, 2100).size() * 3L / 4);
    }
}
