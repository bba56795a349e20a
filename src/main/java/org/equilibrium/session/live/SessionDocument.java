package org.equilibrium.session.live;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Marker;
import org.equilibrium.session.Modality;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.PhaseTimeline;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.equilibrium.session.Rating;
import org.equilibrium.session.Session;
import org.equilibrium.session.StartedBy;

/**
 * The stored form of a {@link Session} (plus who wrote each marker), versioned so later fields can be added.
 * Converting back runs the session's own validation, so a damaged document fails loudly.
 */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record SessionDocument(int version, String id, String patientId, String startedByUser, String startedByRole,
                              String practice, @Nullable Double breathsPerMinute, List<String> modalities,
                              String context, String heartRateDevice, List<String> stimulators, long startedAtMs,
                              List<Start> phases, List<MarkerDoc> markers, List<RatingDoc> ratings,
                              @Nullable Long endedAtMs, long lastChangeMs) {

    @Serdeable
    public record Start(String kind, long startMs) {
    }

    @Serdeable
    public record MarkerDoc(long atMs, String text, @Nullable String author) {
    }

    @Serdeable
    public record RatingDoc(String scale, String moment, int value, long atMs) {
    }

    /** @param authors the author of each marker of {@code s}, matched by time and text (null: unknown) */
    public static SessionDocument of(Session s, List<MarkerDoc> authors) {
        List<MarkerDoc> markers = new ArrayList<>();
        for (Marker m : s.markers()) {
            String author = authors.stream().filter(a -> a.atMs() == m.atMs() && a.text().equals(m.text()))
                    .map(MarkerDoc::author).findFirst().orElse(null);
            markers.add(new MarkerDoc(m.atMs(), m.text(), author));
        }
        return new SessionDocument(1, s.id(), s.patientId(), s.startedBy().userId(), s.startedBy().role().name(),
                s.practice().type().name(), s.practice().breathsPerMinute(),
                s.modalities().stream().map(Enum::name).toList(), s.context().name(), s.heartRateDevice().value(),
                s.stimulators().stream().map(DeviceId::value).toList(), s.startedAtMs(),
                s.timeline().starts().stream().map(x -> new Start(x.kind().name(), x.startMs())).toList(), markers,
                s.ratings().stream().map(r -> new RatingDoc(r.scale().name(), r.moment().name(), r.value(), r.atMs()))
                        .toList(),
                s.endedAtMs(), s.lastChangeMs());
    }

    public SessionDocument {
        // Empty lists may be left out of the stored JSON.
        modalities = modalities == null ? List.of() : modalities;
        stimulators = stimulators == null ? List.of() : stimulators;
        phases = phases == null ? List.of() : phases;
        markers = markers == null ? List.of() : markers;
        ratings = ratings == null ? List.of() : ratings;
    }

    public Session toSession() {
        EnumSet<Modality> mods = EnumSet.noneOf(Modality.class);
        modalities.forEach(m -> mods.add(Modality.valueOf(m.toUpperCase(Locale.ROOT))));
        PracticeType type = PracticeType.valueOf(practice);
        Practice p = new Practice(type, breathsPerMinute);
        return new Session(id, patientId, new StartedBy(startedByUser, StartedBy.Role.valueOf(startedByRole)), p, mods,
                CareContext.valueOf(context), new DeviceId(heartRateDevice),
                stimulators.stream().map(DeviceId::new).toList(), startedAtMs,
                new PhaseTimeline(phases.stream()
                        .map(x -> new PhaseTimeline.Start(PhaseKind.valueOf(x.kind()), x.startMs())).toList()),
                markers.stream().map(m -> new Marker(m.atMs(), m.text())).toList(),
                ratings.stream().map(r -> new Rating(Rating.Scale.valueOf(r.scale()), Rating.Moment.valueOf(r.moment()),
                        r.value(), r.atMs())).toList(),
                endedAtMs, lastChangeMs);
    }
}
