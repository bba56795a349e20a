package org.equilibrium.session;

/**
 * A phase as it stands at some moment: started (or planned) at {@code startMs}, ending at {@code endMs}
 * (exclusive), or with a null end while it is the open last phase of an active session.
 */
public record Phase(PhaseKind kind, long startMs, Long endMs) {
    /** True when {@code tMs} falls in [start, end); an open phase contains every later time. */
    public boolean contains(long tMs) {
        return tMs >= startMs && (endMs == null || tMs < endMs);
    }

    public long durationMs(long openEndMs) {
        return (endMs == null ? openEndMs : endMs) - startMs;
    }
}
