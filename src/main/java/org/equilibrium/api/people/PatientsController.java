package org.equilibrium.api.people;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.AccountService;
import org.equilibrium.people.Caller;
import org.equilibrium.people.NotFoundException;
import org.equilibrium.people.PatientScope;
import org.equilibrium.people.Role;

import java.util.List;

/**
 * Patients as the caller may see them (through {@link AccessPolicy}): an administrator all, a
 * therapist their assigned patients, a patient themselves. A patient the caller may not see
 * answers 404, exactly like one that does not exist.
 */
@Controller("/api/patients")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PatientsController {
    private final AccountService accounts;
    private final AccessPolicy access;

    PatientsController(AccountService accounts, AccessPolicy access) {
        this.accounts = accounts;
        this.access = access;
    }

    @Get
    List<PatientView> visible(Caller caller) {
        PatientScope scope = access.visiblePatients(caller);
        return accounts.list().stream()
                .filter(a -> a.role() == Role.PATIENT && scope.includes(a.id()))
                .map(PatientView::of)
                .toList();
    }

    @Get("/{patientId}")
    PatientView get(Caller caller, long patientId) {
        access.requireReadPatient(caller, patientId);
        return accounts.find(patientId)
                .filter(a -> a.role() == Role.PATIENT)
                .map(PatientView::of)
                .orElseThrow(() -> new NotFoundException("no patient " + patientId));
    }
}
