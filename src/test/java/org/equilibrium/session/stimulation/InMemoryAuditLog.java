package org.equilibrium.session.stimulation;

import java.util.ArrayList;
import java.util.List;

/** Audit lines in a list (unit and property tests). */
final class InMemoryAuditLog implements StimAuditLog {
    final List<AuditEntry> lines = new ArrayList<>();

    @Override
    public synchronized void append(AuditEntry entry) {
        lines.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(String deviceId, int limit) {
        List<AuditEntry> mine = lines.stream().filter(e -> e.deviceId().equals(deviceId)).toList();
        return List.copyOf(mine.subList(Math.max(0, mine.size() - limit), mine.size()));
    }
}
