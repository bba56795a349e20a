package org.equilibrium.people;

import java.util.Set;

/** The one fact {@link AccessPolicy} needs from storage: which patients a therapist is assigned. */
public interface AssignmentLookup {

    boolean isAssigned(long therapistId, long patientId);

    Set<Long> patientsOf(long therapistId);
}
