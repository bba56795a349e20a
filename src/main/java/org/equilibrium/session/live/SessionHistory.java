package org.equilibrium.session.live;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.RecordedBeat;
import org.equilibrium.session.Session;
import org.equilibrium.session.StimulationSample;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.AutonomicState;
import org.equilibrium.session.autonomic.QualityFlag;
import org.equilibrium.session.autonomic.ScoreBasis;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.autonomic.WindowMetrics;
import org.equilibrium.session.summary.SessionSummary;
import org.equilibrium.session.summary.SummaryCalculator;
import org.equilibrium.storage.influx.InfluxLineMapper;
import org.equilibrium.storage.influx.InfluxQueries;

/**
 * A session's data read back from InfluxDB (src/docs/influx-schema.md): its strap's beats, its estimates
 * ({@code autonomic_state} joined with {@code hrv_window} by time) and its stimulators' telemetry. Queries are
 * bounded by the patient tag and the session's time range, then filtered on the {@code session} field.
 */
@Singleton
public class SessionHistory {
    private final InfluxQueries influx;

    public SessionHistory(InfluxQueries influx) {
        this.influx = influx;
    }

    /** Beats of the session's strap in {@code [fromMs, toMs)} clipped to the session. */
    public List<RecordedBeat> beats(Session s, long fromMs, long toMs, long nowMs) {
        long[] r = clip(s, fromMs, toMs, nowMs);
        List<RecordedBeat> out = new ArrayList<>();
        for (InfluxQueries.RrPoint p : influx.rrIntervals(s.heartRateDevice(), r[0], r[1])) {
            out.add(new RecordedBeat(s.heartRateDevice(), p.timestampMs(), p.rrMs()));
        }
        return out;
    }

    /** Estimates of the session in {@code [fromMs, toMs)}, oldest first. */
    public List<AutonomicEstimate> estimates(Session s, long patientId, long fromMs, long toMs, long nowMs) {
        long[] r = clip(s, fromMs, toMs, nowMs);
        String where = " WHERE patient = '" + patientId + "' AND session = '" + s.id().replace("'", "") + "' AND time >= "
                + r[0] + "ms AND time < " + r[1] + "ms";
        Map<Long, InfluxQueries.Row> windows = new HashMap<>();
        for (InfluxQueries.Row w : influx.rows("SELECT * FROM " + InfluxLineMapper.HRV_WINDOW + where)) {
            windows.put(w.timeMs(), w);
        }
        List<AutonomicEstimate> out = new ArrayList<>();
        for (InfluxQueries.Row a : influx.rows("SELECT * FROM " + InfluxLineMapper.AUTONOMIC_STATE + where)) {
            InfluxQueries.Row w = windows.get(a.timeMs());
            if (w != null) {
                out.add(estimate(a, w));
            }
        }
        return out;
    }

    /** Connection state of each stored estimate, by window end. */
    public Map<Long, String> connections(Session s, long patientId, long fromMs, long toMs, long nowMs) {
        long[] r = clip(s, fromMs, toMs, nowMs);
        Map<Long, String> out = new HashMap<>();
        for (InfluxQueries.Row a : influx.rows("SELECT connection FROM " + InfluxLineMapper.AUTONOMIC_STATE
                + " WHERE patient = '" + patientId + "' AND session = '" + s.id().replace("'", "") + "' AND time >= "
                + r[0] + "ms AND time < " + r[1] + "ms")) {
            Object c = a.values().get("connection");
            if (c != null) {
                out.put(a.timeMs(), c.toString());
            }
        }
        return out;
    }

    /** Telemetry of the session's stimulators as on/off and current samples, oldest first. */
    public List<StimulationSample> stimulation(Session s, long nowMs) {
        long[] r = clip(s, s.startedAtMs(), Long.MAX_VALUE, nowMs);
        List<StimulationSample> out = new ArrayList<>();
        for (DeviceId d : s.stimulators()) {
            for (InfluxQueries.Row row : influx.rows("SELECT state, current_ua FROM " + InfluxLineMapper.STIM
                    + " WHERE device = '" + d.value() + "' AND time >= " + r[0] + "ms AND time < " + r[1] + "ms")) {
                Object state = row.values().get("state");
                Double current = row.number("current_ua");
                boolean on = ("running".equals(state) || "ramping".equals(state)) && current != null && current > 0;
                out.add(new StimulationSample(row.timeMs(), on, on ? current : 0));
            }
        }
        out.sort(java.util.Comparator.comparingLong(StimulationSample::timestampMs));
        return out;
    }

    /** The summary of the session as far as it went (an active one up to {@code nowMs}). */
    public SessionSummary summary(Session s, long patientId, long cadenceMs, long nowMs) {
        long end = s.endedAtMs() != null ? s.endedAtMs() : nowMs;
        return new SummaryCalculator(cadenceMs, SummaryCalculator.DEFAULT_MAX_STIMULATION_GAP_MS).summarize(s,
                beats(s, s.startedAtMs(), end + 1, nowMs), estimates(s, patientId, s.startedAtMs(), end + 1, nowMs),
                stimulation(s, nowMs), Math.max(nowMs, s.startedAtMs()));
    }

    private static long[] clip(Session s, long fromMs, long toMs, long nowMs) {
        long end = (s.endedAtMs() != null ? s.endedAtMs() : Math.max(nowMs, s.startedAtMs())) + 1;
        long from = Math.max(fromMs, s.startedAtMs());
        long to = Math.min(toMs, end);
        return new long[] {from, Math.max(from, to)};
    }

    private static AutonomicEstimate estimate(InfluxQueries.Row a, InfluxQueries.Row w) {
        Object contact = w.values().get("contact");
        WindowMetrics m = new WindowMetrics(a.timeMs(), num(w, "hr_bpm"), num(w, "rmssd_ms"), num(w, "sdnn_ms"),
                num(w, "hf_ms2"), num(w, "lf_hf"), num(w, "coherence"), num(w, "resp_rate_bpm"), num(w, "pns_index"),
                num(w, "sns_index"), num(w, "coverage"), num(w, "artefact_fraction"),
                contact instanceof Boolean b ? b : null, (int) Math.round(num(w, "beats")));
        Object phase = a.values().get("phase");
        boolean on = Boolean.TRUE.equals(a.values().get("stim_on"));
        Object modality = a.values().get("stim_modality");
        Object program = a.values().get("stim_program");
        Double current = a.number("stim_current_ua");
        StimulationContext stim = new StimulationContext(on,
                modality == null ? null : StimReading.Modality.valueOf(upper(modality)), current == null ? 0 : current,
                program == null ? null : program.toString());
        return new AutonomicEstimate(a.timeMs(), phase == null ? null : PhaseKind.valueOf(upper(phase)),
                AutonomicState.valueOf(upper(a.values().get("state"))),
                AutonomicState.valueOf(upper(a.values().get("held_state"))), num(a, "balance_z"), num(a, "score"),
                num(a, "relative_z"), num(a, "population_z"), num(a, "confidence"),
                QualityFlag.valueOf(upper(a.values().get("quality"))), ScoreBasis.valueOf(upper(a.values().get("basis"))),
                m, stim);
    }

    private static String upper(Object wire) {
        return wire.toString().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static double num(InfluxQueries.Row r, String column) {
        Double v = r.number(column);
        return v == null ? Double.NaN : v;
    }
}
