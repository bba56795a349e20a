package org.equilibrium.session.summary;

import org.equilibrium.session.Phase;
import org.equilibrium.session.RecordedBeat;
import org.equilibrium.session.Session;
import org.equilibrium.session.StimulationSample;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.WindowMetrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Summarises a session per phase from what was recorded: its estimates, raw beats and stimulator telemetry.
 * Pure; the same inputs always give the same summary.
 *
 * <p>Membership: an estimate, beat or telemetry point belongs to the phase whose [start, end) holds its time
 * (the last phase includes its end). Each estimate stands for {@code cadenceMs} of time.
 *
 * <p>Dose: current is taken as linear between consecutive telemetry points (each point's current, 0 when not
 * delivering), so the charge of a segment is the trapezoid (I₀ + I₁)/2 · Δt, exact for the linear ramps
 * stimulators use; segments are clipped to the phase by interpolation. A segment counts as "on" when either
 * end delivers current. Segments longer than {@code maxStimulationGapMs} are not integrated but reported as a
 * telemetry gap.
 */
public final class SummaryCalculator {
    /** Default gap beyond which stimulator telemetry counts as missing (stimulators report about every 1–5 s). */
    public static final long DEFAULT_MAX_STIMULATION_GAP_MS = 15_000;

    private final long cadenceMs;
    private final long maxStimulationGapMs;

    public SummaryCalculator(long cadenceMs, long maxStimulationGapMs) {
        if (cadenceMs <= 0 || maxStimulationGapMs <= 0) {
            throw new IllegalArgumentException("cadence and maximum stimulation gap must be > 0 ms");
        }
        this.cadenceMs = cadenceMs;
        this.maxStimulationGapMs = maxStimulationGapMs;
    }

    /**
     * @param asOfMs where an active session's open phase ends for this summary; ignored once the session ended
     */
    public SessionSummary summarize(Session session, List<RecordedBeat> beats, List<AutonomicEstimate> estimates,
                                    List<StimulationSample> stimulation, long asOfMs) {
        long endMs = session.endedAtMs() != null ? session.endedAtMs() : asOfMs;
        if (endMs < session.startedAtMs()) {
            throw new IllegalArgumentException("summary time " + endMs + " ms is before the session start "
                    + session.startedAtMs() + " ms");
        }
        List<StimulationSample> stim = new ArrayList<>(stimulation);
        stim.sort(Comparator.comparingLong(StimulationSample::timestampMs));
        List<PhaseSummary> out = new ArrayList<>();
        List<Phase> phases = session.phases().stream().filter(p -> p.startMs() <= endMs).toList();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            boolean last = i == phases.size() - 1;
            long start = p.startMs();
            long end = last ? endMs : Math.min(p.endMs(), endMs);
            List<AutonomicEstimate> in = estimates.stream()
                    .filter(e -> within(e.windowEndMs(), start, end, last)).toList();
            int beatCount = (int) beats.stream().filter(b -> within(b.beatEndMs(), start, end, last)).count();
            out.add(phaseSummary(p, start, end, in, beatCount, dose(stim, start, end)));
        }
        return new SessionSummary(session.id(), endMs, out);
    }

    private static boolean within(long t, long start, long end, boolean closed) {
        return t >= start && (t < end || (closed && t == end));
    }

    private PhaseSummary phaseSummary(Phase p, long start, long end, List<AutonomicEstimate> in, int beats,
                                      StimulationDose dose) {
        List<WindowMetrics> ok = in.stream().filter(AutonomicEstimate::qualityOk).map(AutonomicEstimate::metrics)
                .toList();
        long symp = 0, bal = 0, para = 0, noContact = 0, warming = 0, artefacts = 0, lowCoverage = 0;
        for (AutonomicEstimate e : in) {
            switch (e.quality()) {
                case OK -> {
                    switch (e.state()) {
                        case SYMPATHETIC -> symp += cadenceMs;
                        case BALANCED -> bal += cadenceMs;
                        case PARASYMPATHETIC -> para += cadenceMs;
                        case UNKNOWN -> throw new IllegalStateException("unreachable: AutonomicEstimate forbids it");
                    }
                }
                case NO_CONTACT -> noContact += cadenceMs;
                case WARMING_UP -> warming += cadenceMs;
                case TOO_MANY_ARTEFACTS -> artefacts += cadenceMs;
                case LOW_COVERAGE -> lowCoverage += cadenceMs;
            }
        }
        double balance = mean(in.stream().filter(AutonomicEstimate::qualityOk)
                .mapToDouble(AutonomicEstimate::balanceZ).toArray());
        double artefactFraction = mean(in.stream().map(AutonomicEstimate::metrics).filter(m -> m.beats() > 0)
                .mapToDouble(WindowMetrics::artefactFraction).toArray());
        double coverage = mean(in.stream().mapToDouble(e -> e.metrics().coverage()).toArray());
        return new PhaseSummary(p.kind(), start, end, in.size(), ok.size(),
                mean(ok, WindowMetrics::meanHrBpm), mean(ok, WindowMetrics::rmssdMs), mean(ok, WindowMetrics::sdnnMs),
                mean(ok, WindowMetrics::hfMs2), mean(ok, WindowMetrics::lfHf), mean(ok, WindowMetrics::pnsIndex),
                mean(ok, WindowMetrics::snsIndex), mean(ok, WindowMetrics::coherence),
                mean(ok, WindowMetrics::respRateBpm), balance,
                new StateTimes(symp, bal, para, noContact, warming, artefacts, lowCoverage), dose,
                artefactFraction, coverage, beats);
    }

    private static double mean(List<WindowMetrics> ms, ToDoubleFunction<WindowMetrics> f) {
        return mean(ms.stream().mapToDouble(f).toArray());
    }

    /** Mean of the values that are not NaN; NaN when there are none. */
    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    StimulationDose dose(List<StimulationSample> sorted, long start, long end) {
        double chargeMicroampMs = 0;
        long onMs = 0;
        long gapMs = 0;
        for (int i = 0; i + 1 < sorted.size(); i++) {
            StimulationSample a = sorted.get(i);
            StimulationSample b = sorted.get(i + 1);
            long t0 = Math.max(a.timestampMs(), start);
            long t1 = Math.min(b.timestampMs(), end);
            if (t1 <= t0) {
                continue;
            }
            long span = b.timestampMs() - a.timestampMs();
            if (span > maxStimulationGapMs) {
                gapMs += t1 - t0;
                continue;
            }
            double i0 = interpolate(a, b, t0);
            double i1 = interpolate(a, b, t1);
            chargeMicroampMs += (i0 + i1) / 2 * (t1 - t0);
            if (a.currentMicroamps() > 0 || b.currentMicroamps() > 0) {
                onMs += t1 - t0;
            }
        }
        return new StimulationDose(chargeMicroampMs / 1000.0, onMs, gapMs);
    }

    private static double interpolate(StimulationSample a, StimulationSample b, long t) {
        long span = b.timestampMs() - a.timestampMs();
        if (span == 0) {
            return a.currentMicroamps();
        }
        double f = (double) (t - a.timestampMs()) / span;
        return a.currentMicroamps() + f * (b.currentMicroamps() - a.currentMicroamps());
    }
}
