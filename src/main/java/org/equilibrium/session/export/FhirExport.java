package org.equilibrium.session.export;

import com.fasterxml.jackson.core.JsonGenerator;
import org.equilibrium.session.Session;
import org.equilibrium.session.summary.PhaseSummary;
import org.equilibrium.session.summary.SessionSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

import static org.equilibrium.session.export.ExportFormat.isoUtc;

/**
 * A session summary as a FHIR R4 Bundle of type {@code collection}: one Observation per phase and metric,
 * {@code effectivePeriod} = the phase, value = the phase mean of quality-ok windows.
 *
 * <p>Codes: heart rate is LOINC 8867-4 (UCUM {@code /min}, category vital-signs, as the R4 vital-signs
 * profile requires); SDNN is LOINC 80404-7 ({@code ms}). RMSSD, HF power, LF/HF, PNS and SNS indices and
 * coherence have no LOINC code, so they use the LOCAL code system {@link #LOCAL_SYSTEM}, documented in
 * src/docs/sessions.md; it is ours, not a standard, and no LOINC code is ever guessed for them.
 *
 * <p>Observations without a value (the metric was not available in the phase) are left out rather than sent
 * with a dataAbsentReason. Resource ids are name-based UUIDs of session, phase and code, so exporting the
 * same session twice gives the same bundle.
 */
public final class FhirExport {
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** Local code system for HRV metrics without a LOINC code. Not a standard: see src/docs/sessions.md. */
    public static final String LOCAL_SYSTEM = "https://equilibrium.example/fhir/CodeSystem/hrv";
    public static final String SESSION_ID_SYSTEM = "https://equilibrium.example/fhir/sid/session";
    public static final String PATIENT_ID_SYSTEM = "https://equilibrium.example/fhir/sid/patient";
    public static final String DEVICE_ID_SYSTEM = "https://equilibrium.example/fhir/sid/device";
    /** FHIR R4 id datatype: [A-Za-z0-9\-\.]{1,64}. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** One exported metric: its code, display, UCUM unit (code and human text), decimals and value source. */
    record Metric(String system, String code, String display, String unit, String unitText, int scale,
                  boolean vitalSign, ToDoubleFunction<PhaseSummary> value) {
    }

    static final List<Metric> METRICS = List.of(
            new Metric(LOINC, "8867-4", "Heart rate", "/min", "beats/minute", 1, true, PhaseSummary::meanHrBpm),
            new Metric(LOINC, "80404-7", "R-R interval.standard deviation (Heart rate variability)", "ms", "ms", 1,
                    false, PhaseSummary::sdnnMs),
            new Metric(LOCAL_SYSTEM, "rmssd", "RMSSD, root mean square of successive RR differences", "ms", "ms", 1,
                    false, PhaseSummary::rmssdMs),
            new Metric(LOCAL_SYSTEM, "hf-power", "HF power (0.15-0.40 Hz) of RR intervals", "ms2", "ms2", 1, false,
                    PhaseSummary::hfMs2),
            new Metric(LOCAL_SYSTEM, "lf-hf-ratio", "LF/HF power ratio of RR intervals", "1", "1", 3, false,
                    PhaseSummary::lfHf),
            new Metric(LOCAL_SYSTEM, "pns-index", "Parasympathetic (PNS) index vs population norms", "1", "1", 3, false,
                    PhaseSummary::pnsIndex),
            new Metric(LOCAL_SYSTEM, "sns-index", "Sympathetic (SNS) index vs population norms", "1", "1", 3, false,
                    PhaseSummary::snsIndex),
            new Metric(LOCAL_SYSTEM, "coherence", "Cardiac coherence ratio (64 s)", "1", "1", 3, false,
                    PhaseSummary::coherence));

    private FhirExport() {
    }

    /**
     * @param generatedAtMs the bundle's timestamp (the caller's clock)
     */
    public static String bundle(Session session, SessionSummary summary, long generatedAtMs) {
        String status = session.status() == Session.Status.ENDED ? "final" : "preliminary";
        return ExportFormat.json(g -> {
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeObjectFieldStart("identifier");
            g.writeStringField("system", SESSION_ID_SYSTEM);
            g.writeStringField("value", session.id());
            g.writeEndObject();
            g.writeStringField("type", "collection");
            g.writeStringField("timestamp", isoUtc(generatedAtMs));
            g.writeArrayFieldStart("entry");
            for (PhaseSummary p : summary.phases()) {
                for (Metric m : METRICS) {
                    double v = m.value().applyAsDouble(p);
                    if (ExportFormat.decimal(v, m.scale()) == null) {
                        continue;
                    }
                    writeEntry(g, session, p, m, v, status);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeEntry(JsonGenerator g, Session session, PhaseSummary p, Metric m, double value,
                                   String status) throws IOException {
        String uuid = UUID.nameUUIDFromBytes((session.id() + "/" + p.kind().wireName() + "/" + m.system() + "|"
                + m.code()).getBytes(StandardCharsets.UTF_8)).toString();
        g.writeStartObject();
        g.writeStringField("fullUrl", "urn:uuid:" + uuid);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", "Observation");
        g.writeStringField("id", uuid);
        g.writeStringField("status", status);
        if (m.vitalSign()) {
            g.writeArrayFieldStart("category");
            g.writeStartObject();
            g.writeArrayFieldStart("coding");
            g.writeStartObject();
            g.writeStringField("system", OBSERVATION_CATEGORY);
            g.writeStringField("code", "vital-signs");
            g.writeStringField("display", "Vital Signs");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("code");
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        g.writeStringField("system", m.system());
        g.writeStringField("code", m.code());
        g.writeStringField("display", m.display());
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("text", m.display());
        g.writeEndObject();
        reference(g, "subject", "Patient", PATIENT_ID_SYSTEM, session.patientId());
        g.writeObjectFieldStart("effectivePeriod");
        g.writeStringField("start", isoUtc(p.startMs()));
        g.writeStringField("end", isoUtc(p.endMs()));
        g.writeEndObject();
        g.writeObjectFieldStart("valueQuantity");
        g.writeFieldName("value");
        g.writeNumber(ExportFormat.decimal(value, m.scale()));
        g.writeStringField("unit", m.unitText());
        g.writeStringField("system", UCUM);
        g.writeStringField("code", m.unit());
        g.writeEndObject();
        g.writeArrayFieldStart("note");
        g.writeStartObject();
        g.writeStringField("text", "Session " + session.id() + ", " + p.kind().wireName() + " phase: mean of "
                + p.okWindows() + " quality-ok 5-s windows (60-s analysis windows).");
        g.writeEndObject();
        g.writeEndArray();
        reference(g, "device", "Device", DEVICE_ID_SYSTEM, session.heartRateDevice().value());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A literal reference when the id is a valid FHIR id, else a logical reference by identifier. */
    private static void reference(JsonGenerator g, String field, String type, String system, String id)
            throws IOException {
        g.writeObjectFieldStart(field);
        if (FHIR_ID.matcher(id).matches()) {
            g.writeStringField("reference", type + "/" + id);
        } else {
            g.writeStringField("type", type);
            g.writeObjectFieldStart("identifier");
            g.writeStringField("system", system);
            g.writeStringField("value", id);
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
