package org.equilibrium.session.export;

import org.equilibrium.session.RecordedBeat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.equilibrium.session.export.ExportFormat.isoUtc;

/**
 * Raw beats as Open mHealth data points (a JSON array), one per beat: header (data-point / header-1.1: id,
 * creation_date_time, schema_id {omh, rr-interval, 1.0}, acquisition_provenance, user_id) and body per
 * {@code omh:rr-interval:1.0}: {@code rr_interval: {value, unit: "ms"}} and {@code effective_time_frame:
 * {date_time}}, the time of the R wave that ends the interval (as everywhere in this service).
 *
 * <p>Header ids are name-based UUIDs of user, device, time and value, so re-exporting gives the same ids.
 */
public final class OmhExport {
    public static final String SOURCE_NAME = "Equilibrium";

    private OmhExport() {
    }

    /**
     * @param userId         the patient the beats belong to
     * @param createdAtMs    creation time of the data points (the caller's clock)
     */
    public static String rrIntervals(String userId, List<RecordedBeat> beats, long createdAtMs) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("user id is required");
        }
        String created = isoUtc(createdAtMs);
        return ExportFormat.json(g -> {
            g.writeStartArray();
            for (RecordedBeat b : beats) {
                String id = UUID.nameUUIDFromBytes((userId + "/" + b.device().value() + "/" + b.beatEndMs() + "/"
                        + b.rrMs()).getBytes(StandardCharsets.UTF_8)).toString();
                g.writeStartObject();
                g.writeObjectFieldStart("header");
                g.writeStringField("id", id);
                g.writeStringField("creation_date_time", created);
                g.writeObjectFieldStart("schema_id");
                g.writeStringField("namespace", "omh");
                g.writeStringField("name", "rr-interval");
                g.writeStringField("version", "1.0");
                g.writeEndObject();
                g.writeObjectFieldStart("acquisition_provenance");
                g.writeStringField("source_name", SOURCE_NAME + " " + b.device().value());
                g.writeStringField("modality", "sensed");
                g.writeEndObject();
                g.writeStringField("user_id", userId);
                g.writeEndObject();
                g.writeObjectFieldStart("body");
                g.writeObjectFieldStart("rr_interval");
                g.writeFieldName("value");
                g.writeNumber(new BigDecimal(ExportFormat.exact(b.rrMs())));
                g.writeStringField("unit", "ms");
                g.writeEndObject();
                g.writeObjectFieldStart("effective_time_frame");
                g.writeStringField("date_time", isoUtc(b.beatEndMs()));
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
