package org.equilibrium.api.stim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The envelope's decision: {@code accepted} with the wire id and exactly what was published (the device's ack follows
 * in the audit), or refused with the reason.
 */
@Serdeable
public record StimCommandView(boolean accepted, @Nullable @JsonProperty("command_id") String commandId,
                              @Nullable String reason, @Nullable String published) {
}
