package org.equilibrium.session.summary;

import org.equilibrium.decode.StimReading;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.RecordedBeat;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionFixtures;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.StimulationSample;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.AutonomicState;
import org.equilibrium.session.autonomic.QualityFlag;
import org.equilibrium.session.autonomic.ScoreBasis;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.autonomic.WindowMetrics;

import java.util.ArrayList;
import java.util.List;

import static org.equilibrium.session.SessionFixtures.STRAP;
import static org.equilibrium.session.SessionFixtures.T0;

/**
 * A small hand-built session: baseline [0, 120 s), practice [120, 240 s), recovery [240, 300 s], windows every
 * 5 s from 5 s to 300 s.
 * <ul>
 *   <li>baseline: windows 5–55 s warming up (11), 60–115 s ok, balanced, HR 70, RMSSD 30 (12)</li>
 *   <li>practice: 120–135 s ok balanced (4), 140–145 s no contact (2), 150–235 s ok parasympathetic (18);
 *       HR alternating 64/66, RMSSD 40</li>
 *   <li>recovery: 240–300 s ok balanced, HR 68, RMSSD 35 (13)</li>
 *   <li>TENS: off at 120 s, ramp to 10 mA at 130 s, hold to 235 s (a point every 10 s), ramp down to off at 245 s
 *       (across the practice/recovery boundary), off at 255 s, next point at 290 s (a 35-s telemetry gap)</li>
 * </ul>
 */
final class SummaryFixture {
    static final Session SESSION = SessionFixtures.clinicSession(new SessionPlan(120_000, 120_000L, null))
            .end(T0 + 300_000);
    static final StimulationContext TENS = new StimulationContext(true, StimReading.Modality.TENS, 10_000, "burst");

    private SummaryFixture() {
    }

    static List<AutonomicEstimate> estimates() {
        List<AutonomicEstimate> out = new ArrayList<>();
        for (int k = 1; k <= 60; k++) {
            long s = 5L * k;
            long t = T0 + s * 1000;
            if (s < 60) {
                out.add(bad(t, PhaseKind.BASELINE, QualityFlag.WARMING_UP));
            } else if (s < 120) {
                out.add(ok(t, PhaseKind.BASELINE, AutonomicState.BALANCED, 70, 30, 0.0, 0.02));
            } else if (s < 140) {
                out.add(ok(t, PhaseKind.PRACTICE, AutonomicState.BALANCED, k % 2 == 0 ? 64 : 66, 40, 0.6, 0));
            } else if (s < 150) {
                out.add(bad(t, PhaseKind.PRACTICE, QualityFlag.NO_CONTACT));
            } else if (s < 240) {
                out.add(ok(t, PhaseKind.PRACTICE, AutonomicState.PARASYMPATHETIC, k % 2 == 0 ? 64 : 66, 40, 1.4, 0.01));
            } else {
                out.add(ok(t, PhaseKind.RECOVERY, AutonomicState.BALANCED, 68, 35, 0.3, 0));
            }
        }
        return out;
    }

    static AutonomicEstimate ok(long t, PhaseKind phase, AutonomicState state, double hr, double rmssd,
                                double balance, double artefacts) {
        WindowMetrics m = new WindowMetrics(t, hr, rmssd, rmssd * 1.2, 500, 1.5, 0.4, 12, Double.NaN, Double.NaN, 1,
                artefacts, true, 60);
        return new AutonomicEstimate(t, phase, state, state, balance, Math.tanh(balance / 2), balance, Double.NaN,
                0.9, QualityFlag.OK, ScoreBasis.BASELINE, m, phase == PhaseKind.PRACTICE ? TENS
                : StimulationContext.none());
    }

    static AutonomicEstimate bad(long t, PhaseKind phase, QualityFlag flag) {
        boolean noContact = flag == QualityFlag.NO_CONTACT;
        WindowMetrics m = new WindowMetrics(t, noContact ? Double.NaN : 70, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, noContact ? 0 : 0.5, 0,
                noContact ? Boolean.FALSE : Boolean.TRUE, noContact ? 0 : 30);
        return new AutonomicEstimate(t, phase, AutonomicState.UNKNOWN, AutonomicState.BALANCED, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, flag, ScoreBasis.NONE, m, StimulationContext.none());
    }

    static List<StimulationSample> stimulation() {
        List<StimulationSample> out = new ArrayList<>();
        out.add(new StimulationSample(T0 + 120_000, false, 0));
        for (long s = 130; s <= 230; s += 10) {           // telemetry every 10 s while holding 10 mA
            out.add(new StimulationSample(T0 + s * 1000, true, 10_000));
        }
        out.add(new StimulationSample(T0 + 235_000, true, 10_000));
        out.add(new StimulationSample(T0 + 245_000, false, 0));
        out.add(new StimulationSample(T0 + 255_000, false, 0));
        out.add(new StimulationSample(T0 + 290_000, false, 0));
        return out;
    }

    static List<RecordedBeat> beats() {
        return List.of(
                new RecordedBeat(STRAP, T0, 850),
                new RecordedBeat(STRAP, T0 + 850, 850),
                new RecordedBeat(STRAP, T0 + 119_999, 860),
                new RecordedBeat(STRAP, T0 + 120_000, 920),
                new RecordedBeat(STRAP, T0 + 240_000, 900),
                new RecordedBeat(STRAP, T0 + 300_000, 880),
                new RecordedBeat(STRAP, T0 + 300_001, 880));
    }

    static SessionSummary summary() {
        return new SummaryCalculator(5_000, SummaryCalculator.DEFAULT_MAX_STIMULATION_GAP_MS)
                .summarize(SESSION, beats(), estimates(), stimulation(), T0 + 999_999);
    }
}
