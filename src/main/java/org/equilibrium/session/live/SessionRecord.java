package org.equilibrium.session.live;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A session as stored: list columns plus the whole session as a JSON {@link SessionDocument}. */
@MappedEntity("sessions")
public record SessionRecord(@Id String id, long patientId, boolean active, long startedMs, @Nullable Long endedMs,
                            String document) {
}
