package org.equilibrium.session.summary;

import org.equilibrium.session.PhaseKind;

import java.util.List;
import java.util.Optional;

/**
 * Baseline vs practice vs recovery for one session, as of {@code asOfMs} (the end, once ended).
 *
 * @param phases the phases that started by {@code asOfMs}, in order
 */
public record SessionSummary(String sessionId, long asOfMs, List<PhaseSummary> phases) {
    public SessionSummary {
        phases = List.copyOf(phases);
    }

    public Optional<PhaseSummary> phase(PhaseKind kind) {
        return phases.stream().filter(p -> p.kind() == kind).findFirst();
    }
}
