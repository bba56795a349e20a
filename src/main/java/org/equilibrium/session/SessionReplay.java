package org.equilibrium.session;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.equilibrium.session.autonomic.LiveSessionAnalysis;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.summary.SessionSummary;
import org.equilibrium.session.summary.SummaryCalculator;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a recorded RR series as a session, without stimulation: beats one by one into
 * {@link LiveSessionAnalysis}, a tick every cadence, the phase from the session's timeline, the session ended
 * at the last beat, then the summary. Pure: the same series and plan give the same result.
 */
public final class SessionReplay {

    public record Result(Session session, List<RecordedBeat> beats, List<AutonomicEstimate> estimates,
                         SessionSummary summary) {
    }

    private SessionReplay() {
    }

    /**
     * @param start    the session as started (its start time is the time of the first interval's start)
     * @param rrMs     RR intervals in ms, consecutive, no gaps
     * @throws IllegalArgumentException for a non-positive interval or intervals so short that two beats fall
     *                                  on the same millisecond
     */
    public static Result replay(Session start, double[] rrMs, HrvAnalyzer analyzer, EstimatorSettings settings) {
        long t0 = start.startedAtMs();
        DeviceId device = start.heartRateDevice();
        LiveSessionAnalysis live = new LiveSessionAnalysis(analyzer, settings, t0);
        List<RecordedBeat> beats = new ArrayList<>(rrMs.length);
        List<AutonomicEstimate> estimates = new ArrayList<>();
        double endMs = t0;
        long nextTick = t0 + settings.cadenceMs();
        for (double rr : rrMs) {
            if (!(rr > 0 && Double.isFinite(rr))) {
                throw new IllegalArgumentException("RR interval must be finite and > 0 ms, got " + rr);
            }
            endMs += rr;
            while (nextTick < endMs) {
                estimates.add(live.tick(nextTick, start.phaseAt(nextTick).orElse(null), StimulationContext.none(),
                        null));
                nextTick += settings.cadenceMs();
            }
            long beatEnd = Math.round(endMs);
            live.onBeat(beatEnd, rr);
            beats.add(new RecordedBeat(device, beatEnd, rr));
        }
        Session ended = start.end(Math.max(start.lastChangeMs(), Math.round(endMs)));
        SessionSummary summary = new SummaryCalculator(settings.cadenceMs(),
                SummaryCalculator.DEFAULT_MAX_STIMULATION_GAP_MS)
                .summarize(ended, beats, estimates, List.of(), ended.endedAtMs());
        return new Result(ended, beats, estimates, summary);
    }
}
