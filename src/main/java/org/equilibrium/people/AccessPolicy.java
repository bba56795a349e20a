package org.equilibrium.people;

import jakarta.inject.Singleton;

import java.util.Objects;
import java.util.Set;

/**
 * Who may see which patient's data. Every endpoint that touches patient data (devices, sessions,
 * live streams, history, exports) asks this class, never the role directly:
 *
 * <ul>
 *   <li>an administrator may read every patient;</li>
 *   <li>a therapist may read the patients assigned to them;</li>
 *   <li>a patient may read themselves only.</li>
 * </ul>
 *
 * <p>Typical use in a controller: {@code access.requireReadPatient(caller, patientId)} before
 * loading anything, or {@code access.visiblePatients(caller)} to filter a listing. A denied read
 * throws {@link NotFoundException}, the same answer as for a patient that does not exist, so the
 * API never confirms that some other patient id is real (404, never 403, for patient data).
 *
 * <p>Plain class: no framework calls, testable with an in-memory {@link AssignmentLookup}.
 */
@Singleton
public final class AccessPolicy {
    private final AssignmentLookup assignments;

    public AccessPolicy(AssignmentLookup assignments) {
        this.assignments = Objects.requireNonNull(assignments, "assignments");
    }

    /** Whether {@code caller} may read data of the patient with account id {@code patientId}. */
    public boolean canReadPatient(Caller caller, long patientId) {
        return switch (caller.role()) {
            case ADMINISTRATOR -> true;
            case THERAPIST -> assignments.isAssigned(caller.accountId(), patientId);
            case PATIENT -> caller.accountId() == patientId;
        };
    }

    /**
     * Throws unless {@code caller} may read the patient.
     *
     * @throws NotFoundException when not allowed (indistinguishable from "no such patient")
     */
    public void requireReadPatient(Caller caller, long patientId) {
        if (!canReadPatient(caller, patientId)) {
            throw new NotFoundException("no patient " + patientId);
        }
    }

    /** The patients {@code caller} may read; filter listings and live fan-out with it. */
    public PatientScope visiblePatients(Caller caller) {
        return switch (caller.role()) {
            case ADMINISTRATOR -> PatientScope.all();
            case THERAPIST -> PatientScope.only(assignments.patientsOf(caller.accountId()));
            case PATIENT -> PatientScope.only(Set.of(caller.accountId()));
        };
    }

    /** Whether {@code caller} may create, disable and assign accounts. */
    public boolean canManageAccounts(Caller caller) {
        return caller.is(Role.ADMINISTRATOR);
    }
}
