package org.equilibrium.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Start times of the phases of one session, past and planned. Invariants, checked on every change:
 * phases appear in the order baseline → practice → recovery (any may be skipped), each at most once,
 * with strictly increasing start times, so phases never overlap; and a change made at time {@code now}
 * never moves or removes a start at or before {@code now}: the past is fixed.
 *
 * <p>A phase ends where the next one starts; the last one ends with the session. Immutable.
 */
public record PhaseTimeline(List<Start> starts) {

    /** One phase start; in the future of {@code now} it is a plan, otherwise a fact. */
    public record Start(PhaseKind kind, long startMs) {
        public Start {
            if (kind == null) {
                throw new IllegalArgumentException("phase kind is required");
            }
        }
    }

    public PhaseTimeline {
        starts = List.copyOf(starts);
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("a timeline has at least one phase");
        }
        for (int i = 1; i < starts.size(); i++) {
            Start a = starts.get(i - 1);
            Start b = starts.get(i);
            if (b.kind().compareTo(a.kind()) <= 0) {
                throw new IllegalSessionChangeException("phase " + b.kind().wireName() + " cannot follow "
                        + a.kind().wireName());
            }
            if (b.startMs() <= a.startMs()) {
                throw new IllegalSessionChangeException("phase " + b.kind().wireName() + " at " + b.startMs()
                        + " ms must start after " + a.kind().wireName() + " at " + a.startMs() + " ms");
            }
        }
    }

    /** The timeline a plan gives for a session starting at {@code startMs}. */
    public static PhaseTimeline planned(long startMs, SessionPlan plan) {
        List<Start> s = new ArrayList<>();
        long practiceStart = startMs + plan.baselineMs();
        if (plan.baselineMs() > 0) {
            s.add(new Start(PhaseKind.BASELINE, startMs));
        }
        s.add(new Start(PhaseKind.PRACTICE, practiceStart));
        if (plan.practiceMs() != null) {
            s.add(new Start(PhaseKind.RECOVERY, practiceStart + plan.practiceMs()));
        }
        return new PhaseTimeline(s);
    }

    /** The phase under way at {@code tMs}: the last start at or before it. Empty before the first start. */
    public Optional<Start> at(long tMs) {
        Start found = null;
        for (Start s : starts) {
            if (s.startMs() <= tMs) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The start of {@code kind}, planned or past. */
    public Optional<Start> startOf(PhaseKind kind) {
        return starts.stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** True when {@code kind} has started at or before {@code tMs}. */
    public boolean hasStarted(PhaseKind kind, long tMs) {
        return startOf(kind).map(s -> s.startMs() <= tMs).orElse(false);
    }

    /**
     * Starts {@code kind} now. Only forward moves: the phase must come after the one under way. Phases in
     * between that were planned are skipped; a phase planned later than {@code kind} keeps its planned time
     * (move it with {@link #plan}) unless that time is no longer after now, in which case it is dropped.
     */
    public PhaseTimeline startNow(PhaseKind kind, long nowMs) {
        Optional<Start> current = at(nowMs);
        if (current.isPresent() && kind.compareTo(current.get().kind()) <= 0) {
            throw new IllegalSessionChangeException("cannot start " + kind.wireName() + " at " + nowMs + " ms: "
                    + current.get().kind().wireName() + " is under way since " + current.get().startMs()
                    + " ms and phases only move forward");
        }
        List<Start> next = new ArrayList<>();
        for (Start s : starts) {
            if (s.startMs() < nowMs) {
                next.add(s);
            } else if (s.kind().compareTo(kind) > 0 && s.startMs() > nowMs) {
                next.add(s);
            }
            // a phase starting exactly now would have zero length: replaced by kind
        }
        next.add(new Start(kind, nowMs));
        next.sort(Comparator.comparingLong(Start::startMs));
        return new PhaseTimeline(next);
    }

    /**
     * Plans (or re-plans) {@code kind} to start at {@code startMs}, which must lie after {@code now}; a phase
     * that has already started cannot be moved.
     */
    public PhaseTimeline plan(PhaseKind kind, long startMs, long nowMs) {
        if (startMs <= nowMs) {
            throw new IllegalSessionChangeException("cannot plan " + kind.wireName() + " at " + startMs
                    + " ms: it is not after now (" + nowMs + " ms); the past cannot change");
        }
        if (hasStarted(kind, nowMs)) {
            throw new IllegalSessionChangeException("cannot move " + kind.wireName() + ": it started at "
                    + startOf(kind).orElseThrow().startMs() + " ms");
        }
        Optional<Start> current = at(nowMs);
        if (current.isPresent() && kind.compareTo(current.get().kind()) < 0) {
            throw new IllegalSessionChangeException("cannot plan " + kind.wireName() + ": "
                    + current.get().kind().wireName() + " is under way and phases only move forward");
        }
        List<Start> next = new ArrayList<>(starts.stream().filter(s -> s.kind() != kind).toList());
        next.add(new Start(kind, startMs));
        next.sort(Comparator.comparing(Start::kind));
        return new PhaseTimeline(next);
    }

    /** Removes the plan for {@code kind}; a phase that has started cannot be removed. */
    public PhaseTimeline cancel(PhaseKind kind, long nowMs) {
        if (startOf(kind).isEmpty()) {
            throw new IllegalSessionChangeException(kind.wireName() + " is not planned");
        }
        if (hasStarted(kind, nowMs)) {
            throw new IllegalSessionChangeException("cannot cancel " + kind.wireName() + ": it started at "
                    + startOf(kind).orElseThrow().startMs() + " ms");
        }
        List<Start> next = starts.stream().filter(s -> s.kind() != kind).toList();
        if (next.isEmpty()) {
            throw new IllegalSessionChangeException("cannot cancel the only phase");
        }
        return new PhaseTimeline(next);
    }

    /** The timeline of a session ending at {@code endMs}: plans after the end are dropped. */
    PhaseTimeline truncate(long endMs) {
        return new PhaseTimeline(starts.stream().filter(s -> s.startMs() < endMs || s == starts.get(0)).toList());
    }

    /** Phases with their ends; the last ends at {@code endMs}, or is open when that is null. */
    public List<Phase> phases(Long endMs) {
        List<Phase> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Start s = starts.get(i);
            Long end = i + 1 < starts.size() ? Long.valueOf(starts.get(i + 1).startMs()) : endMs;
            out.add(new Phase(s.kind(), s.startMs(), end));
        }
        return out;
    }
}
