package org.equilibrium.people;

import java.util.Set;

/**
 * The patients a caller may see: everyone (administrators) or a finite set of account ids.
 * "Everyone" is not a list so that a query can skip the filter instead of enumerating ids.
 */
public sealed interface PatientScope {

    boolean includes(long patientId);

    static PatientScope all() {
        return All.INSTANCE;
    }

    static PatientScope only(Set<Long> patientIds) {
        return new Only(Set.copyOf(patientIds));
    }

    /** Every patient. */
    enum All implements PatientScope {
        INSTANCE;

        @Override
        public boolean includes(long patientId) {
            return true;
        }
    }

    /** Exactly these patient account ids (possibly none). */
    record Only(Set<Long> patientIds) implements PatientScope {
        public Only {
            patientIds = Set.copyOf(patientIds);
        }

        @Override
        public boolean includes(long patientId) {
            return patientIds.contains(patientId);
        }
    }
}
