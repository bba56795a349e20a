package org.equilibrium.session.export;

import com.fasterxml.jackson.core.JsonGenerator;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.Marker;
import org.equilibrium.session.Modality;
import org.equilibrium.session.Phase;
import org.equilibrium.session.Rating;
import org.equilibrium.session.Session;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.autonomic.WindowMetrics;
import org.equilibrium.session.summary.PhaseSummary;
import org.equilibrium.session.summary.SessionSummary;
import org.equilibrium.session.summary.StateTimes;
import org.equilibrium.session.summary.StimulationDose;

import java.io.IOException;
import java.util.List;

import static org.equilibrium.session.export.ExportFormat.isoUtc;
import static org.equilibrium.session.export.ExportFormat.number;
import static org.equilibrium.session.export.ExportFormat.stringOrNull;

/**
 * The whole session as one JSON document (format {@code equilibrium-session}, version 1): session, phases,
 * markers, ratings, summary and the 5-s series. Keys are snake_case like the wire contract; every time is
 * given as ISO-8601 UTC and as epoch ms; values not available are {@code null}. Mapping: src/docs/sessions.md.
 */
public final class JsonExport {
    public static final String FORMAT = "equilibrium-session";
    public static final int VERSION = 1;

    private JsonExport() {
    }

    public static String session(Session session, SessionSummary summary, List<AutonomicEstimate> series) {
        return ExportFormat.json(g -> {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            writeSession(g, session);
            g.writeArrayFieldStart("phases");
            for (Phase p : session.phases()) {
                g.writeStartObject();
                g.writeStringField("kind", p.kind().wireName());
                time(g, "start", p.startMs());
                time(g, "end", p.endMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("markers");
            for (Marker m : session.markers()) {
                g.writeStartObject();
                time(g, "at", m.atMs());
                g.writeStringField("text", m.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ratings");
            for (Rating r : session.ratings()) {
                g.writeStartObject();
                g.writeStringField("scale", r.scale().wireName());
                g.writeStringField("moment", r.moment().wireName());
                g.writeNumberField("value", r.value());
                time(g, "at", r.atMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeSummary(g, summary);
            g.writeArrayFieldStart("series");
            for (AutonomicEstimate e : series) {
                writeEstimate(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeSession(JsonGenerator g, Session s) throws IOException {
        g.writeObjectFieldStart("session");
        g.writeStringField("id", s.id());
        g.writeStringField("patient_id", s.patientId());
        g.writeObjectFieldStart("started_by");
        g.writeStringField("user_id", s.startedBy().userId());
        g.writeStringField("role", s.startedBy().role().wireName());
        g.writeEndObject();
        g.writeObjectFieldStart("practice");
        g.writeStringField("type", s.practice().type().wireName());
        if (s.practice().breathsPerMinute() == null) {
            g.writeNullField("breaths_per_minute");
        } else {
            number(g, "breaths_per_minute", s.practice().breathsPerMinute(), 2);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("modalities");
        for (Modality m : s.modalities()) {
            g.writeString(m.wireName());
        }
        g.writeEndArray();
        g.writeStringField("context", s.context().wireName());
        g.writeStringField("heart_rate_device", s.heartRateDevice().value());
        g.writeArrayFieldStart("stimulators");
        for (DeviceId d : s.stimulators()) {
            g.writeString(d.value());
        }
        g.writeEndArray();
        g.writeStringField("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
        time(g, "started_at", s.startedAtMs());
        time(g, "ended_at", s.endedAtMs());
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, SessionSummary summary) throws IOException {
        g.writeObjectFieldStart("summary");
        time(g, "as_of", summary.asOfMs());
        g.writeArrayFieldStart("phases");
        for (PhaseSummary p : summary.phases()) {
            g.writeStartObject();
            g.writeStringField("kind", p.kind().wireName());
            time(g, "start", p.startMs());
            time(g, "end", p.endMs());
            g.writeNumberField("windows", p.windows());
            g.writeNumberField("ok_windows", p.okWindows());
            number(g, "mean_hr_bpm", p.meanHrBpm(), 2);
            number(g, "rmssd_ms", p.rmssdMs(), 2);
            number(g, "sdnn_ms", p.sdnnMs(), 2);
            number(g, "hf_ms2", p.hfMs2(), 1);
            number(g, "lf_hf", p.lfHf(), 3);
            number(g, "pns_index", p.pnsIndex(), 3);
            number(g, "sns_index", p.snsIndex(), 3);
            number(g, "coherence", p.coherence(), 3);
            number(g, "resp_rate_bpm", p.respRateBpm(), 2);
            number(g, "balance_z", p.balanceZ(), 3);
            StateTimes t = p.stateTimes();
            g.writeObjectFieldStart("time_in_state_ms");
            g.writeNumberField("sympathetic", t.sympatheticMs());
            g.writeNumberField("balanced", t.balancedMs());
            g.writeNumberField("parasympathetic", t.parasympatheticMs());
            g.writeNumberField("low_quality", t.lowQualityMs());
            g.writeNumberField("no_contact", t.noContactMs());
            g.writeNumberField("warming_up", t.warmingUpMs());
            g.writeNumberField("too_many_artefacts", t.tooManyArtefactsMs());
            g.writeNumberField("low_coverage", t.lowCoverageMs());
            g.writeEndObject();
            StimulationDose d = p.stimulation();
            g.writeObjectFieldStart("stimulation");
            number(g, "charge_microamp_seconds", d.chargeMicroampSeconds(), 3);
            number(g, "milliamp_minutes", d.milliampMinutes(), 4);
            g.writeNumberField("on_ms", d.onMs());
            g.writeNumberField("telemetry_gap_ms", d.telemetryGapMs());
            g.writeEndObject();
            number(g, "artefact_fraction", p.artefactFraction(), 4);
            number(g, "coverage", p.coverage(), 4);
            g.writeNumberField("beats", p.beats());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeEstimate(JsonGenerator g, AutonomicEstimate e) throws IOException {
        g.writeStartObject();
        time(g, "time", e.windowEndMs());
        stringOrNull(g, "phase", e.phase() == null ? null : e.phase().wireName());
        g.writeStringField("state", e.state().wireName());
        g.writeStringField("held_state", e.heldState().wireName());
        g.writeStringField("quality", e.quality().wireName());
        number(g, "confidence", e.confidence(), 3);
        number(g, "balance_z", e.balanceZ(), 3);
        number(g, "balance_score", e.balanceScore(), 3);
        g.writeStringField("basis", e.basis().wireName());
        number(g, "relative_z", e.relativeZ(), 3);
        number(g, "population_z", e.populationZ(), 3);
        WindowMetrics m = e.metrics();
        g.writeObjectFieldStart("metrics");
        number(g, "mean_hr_bpm", m.meanHrBpm(), 2);
        number(g, "rmssd_ms", m.rmssdMs(), 2);
        number(g, "sdnn_ms", m.sdnnMs(), 2);
        number(g, "hf_ms2", m.hfMs2(), 1);
        number(g, "lf_hf", m.lfHf(), 3);
        number(g, "coherence", m.coherence(), 3);
        number(g, "resp_rate_bpm", m.respRateBpm(), 2);
        number(g, "pns_index", m.pnsIndex(), 3);
        number(g, "sns_index", m.snsIndex(), 3);
        number(g, "coverage", m.coverage(), 3);
        number(g, "artefact_fraction", m.artefactFraction(), 3);
        g.writeNumberField("beats", m.beats());
        if (m.contactOk() == null) {
            g.writeNullField("contact");
        } else {
            g.writeBooleanField("contact", m.contactOk());
        }
        g.writeEndObject();
        StimulationContext s = e.stimulation();
        g.writeObjectFieldStart("stimulation");
        g.writeBooleanField("on", s.on());
        stringOrNull(g, "modality", s.modality() == null ? null : s.modality().wireName());
        number(g, "current_ua", s.currentMicroamps(), 1);
        stringOrNull(g, "program", s.program());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code name} as ISO-8601 UTC and {@code name_ms} as epoch ms; both null when the time is absent. */
    private static void time(JsonGenerator g, String name, Long epochMs) throws IOException {
        if (epochMs == null) {
            g.writeNullField(name);
            g.writeNullField(name + "_ms");
        } else {
            g.writeStringField(name, isoUtc(epochMs));
            g.writeNumberField(name + "_ms", epochMs);
        }
    }
}
