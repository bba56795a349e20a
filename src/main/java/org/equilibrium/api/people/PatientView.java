package org.equilibrium.api.people;

import io.micronaut.serde.annotation.Serdeable;
import org.equilibrium.people.Account;

/** A patient as a therapist (or the patient) sees them. */
@Serdeable
public record PatientView(long id, String username, String displayName, boolean disabled) {
    static PatientView of(Account a) {
        return new PatientView(a.id(), a.username(), a.displayName(), a.disabled());
    }
}
