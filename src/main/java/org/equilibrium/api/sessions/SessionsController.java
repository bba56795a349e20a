package org.equilibrium.api.sessions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.equilibrium.people.Caller;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Modality;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.equilibrium.session.Rating;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.equilibrium.session.export.CsvExport;
import org.equilibrium.session.export.FhirExport;
import org.equilibrium.session.export.JsonExport;
import org.equilibrium.session.export.OmhExport;
import org.equilibrium.session.live.SessionHistory;
import org.equilibrium.session.live.SessionService;
import org.equilibrium.session.live.SessionSnapshot;
import org.equilibrium.session.summary.SessionSummary;

/**
 * Sessions: start, list, read, change live, end; history from InfluxDB; summary and exports
 * (src/docs/api.md). Every call goes through {@link SessionService}, which asks the access policy first: a
 * session of a patient the caller may not read answers 404, as one that does not exist.
 */
@Controller("/api/sessions")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SessionsController {
    private final SessionService sessions;
    private final SessionHistory history;
    private final SessionViews views;
    private final Clock clock = Clock.systemUTC();

    public SessionsController(SessionService sessions, SessionHistory history, SessionViews views) {
        this.sessions = sessions;
        this.history = history;
        this.views = views;
    }

    @Post
    public HttpResponse<Dtos.SessionView> start(Caller caller, @Body Dtos.StartRequest body) {
        if (body.patientId() == null) {
            throw new InvalidInputException("patient_id", "required");
        }
        PracticeType type = parse(PracticeType.class, "practice", body.practice() == null ? "free" : body.practice());
        Practice practice;
        try {
            practice = new Practice(type, type == PracticeType.PACED_BREATHING ? body.breathingRatePerMin() : null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("breathing_rate_per_min", e.getMessage());
        }
        if (body.context() == null) {
            throw new InvalidInputException("context", "required: clinic or home");
        }
        CareContext context = parse(CareContext.class, "context", body.context());
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        if (body.modalities() != null) {
            body.modalities().forEach(m -> modalities.add(parse(Modality.class, "modalities", m)));
        }
        int baselineS = body.baselineS() == null ? (int) (SessionPlan.DEFAULT_BASELINE_MS / 1000) : body.baselineS();
        if (baselineS < 0 || baselineS > 3600) {
            throw new InvalidInputException("baseline_s", "0 to 3600 seconds");
        }
        requireRating("pain_start", body.painStart());
        requireRating("calm_start", body.calmStart());
        SessionSnapshot s = sessions.start(caller, new SessionService.StartCommand(body.patientId(), practice, context,
                modalities, baselineS * 1000L, body.painStart(), body.calmStart()));
        return HttpResponse.status(HttpStatus.CREATED).body(views.session(s, clock.millis()));
    }

    @Get
    public List<Dtos.SessionView> list(Caller caller, @Nullable @QueryValue Boolean active,
                                       @Nullable @QueryValue("patient_id") Long patientId) {
        long now = clock.millis();
        return sessions.list(caller, active, patientId).stream().map(s -> views.session(s, now)).toList();
    }

    @Get("/{id}")
    public Dtos.SessionView get(Caller caller, @PathVariable String id) {
        return views.session(sessions.get(caller, id), clock.millis());
    }

    @Post("/{id}/phase")
    public Dtos.SessionView phase(Caller caller, @PathVariable String id, @Body Dtos.PhaseRequest body) {
        PhaseKind kind = parse(PhaseKind.class, "phase", body.phase());
        return views.session(sessions.phase(caller, id, kind), clock.millis());
    }

    @Post("/{id}/markers")
    public Dtos.SessionView marker(Caller caller, @PathVariable String id, @Body Dtos.MarkerRequest body) {
        if (body.text() == null || body.text().isBlank()) {
            throw new InvalidInputException("text", "required");
        }
        return views.session(sessions.marker(caller, id, body.text()), clock.millis());
    }

    @Post("/{id}/ratings")
    public Dtos.SessionView rate(Caller caller, @PathVariable String id, @Body Dtos.RatingRequest body) {
        Rating.Scale scale = parse(Rating.Scale.class, "kind", body.kind());
        Rating.Moment moment = parse(Rating.Moment.class, "when", body.when());
        if (body.value() == null) {
            throw new InvalidInputException("value", "required, 0 to 10");
        }
        requireRating("value", body.value());
        return views.session(sessions.rate(caller, id, scale, moment, body.value()), clock.millis());
    }

    @Post("/{id}/end")
    public Dtos.SessionView end(Caller caller, @PathVariable String id, @Nullable @Body Dtos.EndRequest body) {
        Integer pain = body == null ? null : body.painEnd();
        Integer calm = body == null ? null : body.calmEnd();
        requireRating("pain_end", pain);
        requireRating("calm_end", calm);
        return views.session(sessions.end(caller, id, pain, calm), clock.millis());
    }

    @Get("/{id}/summary")
    public Dtos.SummaryView summary(Caller caller, @PathVariable String id) {
        SessionSnapshot s = sessions.get(caller, id);
        return views.summary(s.session(), summary(s));
    }

    @Get("/{id}/estimates")
    public List<Dtos.EstimateView> estimates(Caller caller, @PathVariable String id,
                                             @Nullable @QueryValue("from_ms") Long fromMs,
                                             @Nullable @QueryValue("to_ms") Long toMs) {
        SessionSnapshot s = sessions.get(caller, id);
        long now = clock.millis();
        long from = fromMs == null ? Long.MIN_VALUE : fromMs;
        long to = toMs == null ? Long.MAX_VALUE : toMs;
        var connections = history.connections(s.session(), s.patientId(), from, to, now);
        return history.estimates(s.session(), s.patientId(), from, to, now).stream()
                .map(e -> views.estimate(id, e, connection(connections.get(e.windowEndMs())), null)).toList();
    }

    @Get("/{id}/beats")
    public List<Dtos.BeatView> beats(Caller caller, @PathVariable String id,
                                     @Nullable @QueryValue("from_ms") Long fromMs,
                                     @Nullable @QueryValue("to_ms") Long toMs) {
        SessionSnapshot s = sessions.get(caller, id);
        return history.beats(s.session(), fromMs == null ? Long.MIN_VALUE : fromMs,
                        toMs == null ? Long.MAX_VALUE : toMs, clock.millis()).stream()
                .map(b -> new Dtos.BeatView(b.beatEndMs(), b.rrMs())).toList();
    }

    @Get("/{id}/export")
    public HttpResponse<String> export(Caller caller, @PathVariable String id, @Nullable @QueryValue String format) {
        SessionSnapshot snap = sessions.get(caller, id);
        Session s = snap.session();
        long now = clock.millis();
        String f = format == null ? "json" : format;
        String body;
        String type;
        String ext;
        switch (f) {
            case "beats-csv" -> {
                body = CsvExport.beats(history.beats(s, Long.MIN_VALUE, Long.MAX_VALUE, now));
                type = "text/csv";
                ext = "beats.csv";
            }
            case "series-csv" -> {
                body = CsvExport.series(history.estimates(s, snap.patientId(), Long.MIN_VALUE, Long.MAX_VALUE, now));
                type = "text/csv";
                ext = "series.csv";
            }
            case "json" -> {
                body = JsonExport.session(s, summary(snap),
                        history.estimates(s, snap.patientId(), Long.MIN_VALUE, Long.MAX_VALUE, now));
                type = MediaType.APPLICATION_JSON;
                ext = "json";
            }
            case "fhir" -> {
                body = FhirExport.bundle(s, summary(snap), now);
                type = "application/fhir+json";
                ext = "fhir.json";
            }
            case "omh" -> {
                body = OmhExport.rrIntervals(s.patientId(), history.beats(s, Long.MIN_VALUE, Long.MAX_VALUE, now), now);
                type = MediaType.APPLICATION_JSON;
                ext = "omh.json";
            }
            default -> throw new InvalidInputException("format",
                    "one of beats-csv, series-csv, json, fhir, omh; got '" + f + "'");
        }
        return HttpResponse.ok(body).contentType(type)
                .header("Content-Disposition", "attachment; filename=\"session-" + id + "." + ext + "\"");
    }

    private SessionSummary summary(SessionSnapshot s) {
        return history.summary(s.session(), s.patientId(), EstimatorSettings.defaults().cadenceMs(), clock.millis());
    }

    private static org.equilibrium.session.live.Connection connection(String wire) {
        return wire == null ? null
                : org.equilibrium.session.live.Connection.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static void requireRating(String field, Integer v) {
        if (v != null && (v < Rating.MIN || v > Rating.MAX)) {
            throw new InvalidInputException(field, "an integer from 0 to 10");
        }
    }

    /** Wire names (lower case, '-' for '_') to enum constants; a clear 400 for anything else. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String wire) {
        if (wire == null) {
            throw new InvalidInputException(field, "required");
        }
        try {
            return Enum.valueOf(type, wire.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new InvalidInputException(field, "one of " + allowed + "; got '" + wire + "'");
        }
    }
}
