package org.equilibrium.api.stim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.equilibrium.session.stimulation.AuditEntry;

/** One audit line as the API shows it (see {@link AuditEntry}). */
@Serdeable
public record StimAuditView(@JsonProperty("at_ms") long atMs, @Nullable @JsonProperty("command_id") String commandId,
                            String kind, String actor, @Nullable @JsonProperty("actor_role") String actorRole,
                            @Nullable String op, @Nullable @JsonProperty("current_ua") Long currentUa,
                            @Nullable @JsonProperty("frequency_hz") Double frequencyHz,
                            @Nullable @JsonProperty("pulse_width_us") Double pulseWidthUs, String decision,
                            @Nullable String reason, @Nullable String applied) {

    static StimAuditView of(AuditEntry e) {
        return new StimAuditView(e.atMs(), e.commandId(), e.kind().name(), e.actor(), e.actorRole(), e.op(),
                e.currentMicroamps(), e.frequencyHz(), e.pulseWidthUs(), e.decision().name(), e.reason(), e.applied());
    }
}
