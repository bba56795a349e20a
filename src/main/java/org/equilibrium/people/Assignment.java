package org.equilibrium.people;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * One therapist–patient assignment (the link table of a many-to-many relation).
 *
 * @param id          database id, null before the first insert
 * @param therapistId account id of a {@link Role#THERAPIST}
 * @param patientId   account id of a {@link Role#PATIENT}
 * @param assignedAt  when the link was made
 */
@MappedEntity("therapist_patient")
public record Assignment(
        @Id @GeneratedValue @Nullable Long id,
        @MappedProperty("therapist_id") long therapistId,
        @MappedProperty("patient_id") long patientId,
        @MappedProperty("assigned_at") Instant assignedAt) {
}
