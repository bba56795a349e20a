package org.equilibrium.session.stimulation.wiring;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.equilibrium.session.stimulation.AuditEntry;

/** Row of {@code stim_audit} (db/migration/V200__stim_audit.sql). Persistence only. */
@MappedEntity("stim_audit")
public record StimAuditRow(@Id @GeneratedValue @Nullable Long id, long atMs, String deviceId,
                           @Nullable String commandId, String kind, String actor, @Nullable String actorRole,
                           @Nullable String op, @Nullable Long currentUa, @Nullable Double frequencyHz,
                           @Nullable Double pulseWidthUs, String decision, @Nullable String reason,
                           @Nullable String applied) {

    static StimAuditRow of(AuditEntry e) {
        return new StimAuditRow(null, e.atMs(), e.deviceId(), e.commandId(), e.kind().name(), clip(e.actor(), 64),
                e.actorRole(), e.op(), e.currentMicroamps(), e.frequencyHz(), e.pulseWidthUs(), e.decision().name(),
                clip(e.reason(), 500), clip(e.applied(), 1000));
    }

    AuditEntry toEntry() {
        return new AuditEntry(atMs, deviceId, commandId, AuditEntry.Kind.valueOf(kind), actor, actorRole, op, currentUa,
                frequencyHz, pulseWidthUs, AuditEntry.Decision.valueOf(decision), reason, applied);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
