package org.equilibrium.session;

import org.equilibrium.device.DeviceId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mindfulness or therapy session of one patient. Immutable: every change returns a new session, so a
 * service can keep the current one in an atomic reference and hand snapshots to readers.
 *
 * <p>Every change carries the time it is made ({@code nowMs}, Unix epoch ms; there is no clock in here).
 * Changes must come in time order ({@code nowMs} never before the last change) and may not rewrite the past:
 * see {@link PhaseTimeline}. Illegal changes throw {@link IllegalSessionChangeException}; malformed values
 * throw {@link IllegalArgumentException}.
 *
 * @param heartRateDevice the strap whose beats feed the estimate
 * @param stimulators     stimulators in use, possibly none
 * @param endedAtMs       null while the session is active
 * @param lastChangeMs    time of the latest change, the floor for the next one
 */
public record Session(String id, String patientId, StartedBy startedBy, Practice practice, Set<Modality> modalities,
                      CareContext context, DeviceId heartRateDevice, List<DeviceId> stimulators, long startedAtMs,
                      PhaseTimeline timeline, List<Marker> markers, List<Rating> ratings, Long endedAtMs,
                      long lastChangeMs) {

    private static final Pattern ID_FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /**
     * A start rating may still be given this long after practice began: a session started straight into
     * practice (no baseline) must leave the patient time to answer.
     */
    public static final long START_RATING_GRACE_MS = 60_000;

    public enum Status { ACTIVE, ENDED }

    public Session {
        requireId("session id", id);
        requireId("patient id", patientId);
        if (startedBy == null || practice == null || context == null || heartRateDevice == null || timeline == null) {
            throw new IllegalArgumentException("started-by, practice, context, heart-rate device and timeline are required");
        }
        modalities = Collections.unmodifiableSet(modalities == null || modalities.isEmpty()
                ? EnumSet.noneOf(Modality.class) : EnumSet.copyOf(modalities));
        stimulators = List.copyOf(stimulators == null ? List.of() : stimulators);
        markers = List.copyOf(markers == null ? List.of() : markers);
        ratings = List.copyOf(ratings == null ? List.of() : ratings);
        if (timeline.starts().get(0).startMs() != startedAtMs) {
            throw new IllegalArgumentException("the first phase must start when the session starts");
        }
        if (endedAtMs != null && endedAtMs < startedAtMs) {
            throw new IllegalArgumentException("a session cannot end before it starts");
        }
    }

    static void requireId(String what, String value) {
        if (value == null || !ID_FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of A-Za-z0-9._- but was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /**
     * Starts a session. In the clinic a therapist starts it; at home the patient or a therapist (remote
     * supervision). Administrators manage accounts, they do not run sessions.
     */
    public static Session start(String id, String patientId, StartedBy startedBy, Practice practice,
                                Set<Modality> modalities, CareContext context, DeviceId heartRateDevice,
                                List<DeviceId> stimulators, SessionPlan plan, long startMs) {
        if (startedBy != null && startedBy.role() == StartedBy.Role.ADMINISTRATOR) {
            throw new IllegalSessionChangeException("an administrator cannot start a session; a therapist or the patient does");
        }
        if (startedBy != null && startedBy.role() == StartedBy.Role.PATIENT && context == CareContext.CLINIC) {
            throw new IllegalSessionChangeException("a clinic session is started by a therapist, not the patient");
        }
        PhaseTimeline timeline = PhaseTimeline.planned(startMs, plan == null ? SessionPlan.defaults() : plan);
        return new Session(id, patientId, startedBy, practice, modalities, context, heartRateDevice, stimulators,
                startMs, timeline, List.of(), List.of(), null, startMs);
    }

    public Status status() {
        return endedAtMs == null ? Status.ACTIVE : Status.ENDED;
    }

    /** Phases with their ends (planned ones included while active). */
    public List<Phase> phases() {
        return timeline.phases(endedAtMs);
    }

    /** The phase under way at {@code tMs}; empty before the start and after the end. */
    public Optional<PhaseKind> phaseAt(long tMs) {
        if (tMs < startedAtMs || (endedAtMs != null && tMs > endedAtMs)) {
            return Optional.empty();
        }
        return timeline.at(tMs).map(PhaseTimeline.Start::kind);
    }

    public Session startPhase(PhaseKind kind, long nowMs) {
        requireActive("start " + kind.wireName(), nowMs);
        return withTimeline(timeline.startNow(kind, nowMs), nowMs);
    }

    public Session planPhase(PhaseKind kind, long startMs, long nowMs) {
        requireActive("plan " + kind.wireName(), nowMs);
        return withTimeline(timeline.plan(kind, startMs, nowMs), nowMs);
    }

    public Session cancelPhase(PhaseKind kind, long nowMs) {
        requireActive("cancel " + kind.wireName(), nowMs);
        return withTimeline(timeline.cancel(kind, nowMs), nowMs);
    }

    /** Adds a marker at {@code atMs}, which may lie in the past (noted late) but within the session. */
    public Session addMarker(String text, long atMs, long nowMs) {
        requireActive("add a marker", nowMs);
        if (atMs < startedAtMs || atMs > nowMs) {
            throw new IllegalSessionChangeException("a marker must lie between the session start (" + startedAtMs
                    + " ms) and now (" + nowMs + " ms), got " + atMs + " ms");
        }
        List<Marker> next = new ArrayList<>(markers);
        next.add(new Marker(atMs, text));
        next.sort((a, b) -> Long.compare(a.atMs(), b.atMs()));
        return new Session(id, patientId, startedBy, practice, modalities, context, heartRateDevice, stimulators,
                startedAtMs, timeline, next, ratings, endedAtMs, nowMs);
    }

    /**
     * Records a rating made now. A start rating is taken before practice begins (or within
     * {@link #START_RATING_GRACE_MS} of its start); an end rating once practice is over (in recovery or after
     * the session ended). Rating the same scale at the
     * same moment again replaces the earlier value: a correction.
     */
    public Session rate(Rating.Scale scale, Rating.Moment moment, int value, long nowMs) {
        Rating rating = new Rating(scale, moment, value, nowMs);
        requireInOrder("rate", nowMs);
        if (moment == Rating.Moment.START) {
            if (endedAtMs != null) {
                throw new IllegalSessionChangeException("a start rating cannot be given after the session ended");
            }
            Optional<PhaseTimeline.Start> practiceStart = timeline.startOf(PhaseKind.PRACTICE)
                    .filter(s -> s.startMs() + START_RATING_GRACE_MS < nowMs);
            if (practiceStart.isPresent() || timeline.hasStarted(PhaseKind.RECOVERY, nowMs)) {
                throw new IllegalSessionChangeException("a start rating must be given before practice begins"
                        + practiceStart.map(s -> " (it began at " + s.startMs() + " ms)").orElse(""));
            }
        } else if (endedAtMs == null && !timeline.hasStarted(PhaseKind.RECOVERY, nowMs)) {
            throw new IllegalSessionChangeException("an end rating is given in recovery or after the session ended");
        }
        List<Rating> next = new ArrayList<>(ratings.stream()
                .filter(r -> r.scale() != scale || r.moment() != moment).toList());
        next.add(rating);
        return new Session(id, patientId, startedBy, practice, modalities, context, heartRateDevice, stimulators,
                startedAtMs, timeline, markers, next, endedAtMs, nowMs);
    }

    public Optional<Rating> rating(Rating.Scale scale, Rating.Moment moment) {
        return ratings.stream().filter(r -> r.scale() == scale && r.moment() == moment).findFirst();
    }

    /** Ends the session now; plans after now are dropped. */
    public Session end(long nowMs) {
        requireActive("end the session", nowMs);
        return new Session(id, patientId, startedBy, practice, modalities, context, heartRateDevice, stimulators,
                startedAtMs, timeline.truncate(nowMs), markers, ratings, nowMs, nowMs);
    }

    private Session withTimeline(PhaseTimeline next, long nowMs) {
        return new Session(id, patientId, startedBy, practice, modalities, context, heartRateDevice, stimulators,
                startedAtMs, next, markers, ratings, endedAtMs, nowMs);
    }

    private void requireActive(String action, long nowMs) {
        if (endedAtMs != null) {
            throw new IllegalSessionChangeException("cannot " + action + ": session " + id + " ended at "
                    + endedAtMs + " ms");
        }
        requireInOrder(action, nowMs);
    }

    private void requireInOrder(String action, long nowMs) {
        if (nowMs < lastChangeMs) {
            throw new IllegalSessionChangeException("cannot " + action + " at " + nowMs
                    + " ms: the session was last changed at " + lastChangeMs + " ms and time does not go back");
        }
    }
}
