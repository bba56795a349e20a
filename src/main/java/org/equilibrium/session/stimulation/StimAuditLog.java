package org.equilibrium.session.stimulation;

import java.util.List;

/** Persistence of {@link AuditEntry} lines. Appends must not block the caller for long (command path). */
public interface StimAuditLog {
    void append(AuditEntry entry);

    /** The newest {@code limit} lines of a device, oldest first. */
    List<AuditEntry> recent(String deviceId, int limit);
}
