package org.equilibrium.people;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {
    private static final long ADMIN = 1, THERAPIST_A = 10, THERAPIST_B = 11, ALICE = 100, BOB = 101, CAROL = 102;

    /** Therapist A has Alice and Bob; therapist B has Carol. */
    private final InMemoryAssignments assignments = new InMemoryAssignments()
            .link(THERAPIST_A, ALICE).link(THERAPIST_A, BOB).link(THERAPIST_B, CAROL);
    private final AccessPolicy policy = new AccessPolicy(assignments);

    private static Caller caller(long id, Role role) {
        return new Caller(id, "user" + id, role);
    }

    @Test
    void administratorReadsEveryPatient() {
        Caller admin = caller(ADMIN, Role.ADMINISTRATOR);

        assertThat(policy.canReadPatient(admin, ALICE)).isTrue();
        assertThat(policy.canReadPatient(admin, CAROL)).isTrue();
        assertThat(policy.visiblePatients(admin)).isEqualTo(PatientScope.all());
        assertThat(policy.canManageAccounts(admin)).isTrue();
    }

    @Test
    void therapistReadsOnlyAssignedPatients() {
        Caller a = caller(THERAPIST_A, Role.THERAPIST);

        assertThat(policy.canReadPatient(a, ALICE)).isTrue();
        assertThat(policy.canReadPatient(a, BOB)).isTrue();
        assertThat(policy.canReadPatient(a, CAROL)).isFalse();
        assertThat(policy.visiblePatients(a)).isEqualTo(PatientScope.only(Set.of(ALICE, BOB)));
        assertThat(policy.canManageAccounts(a)).isFalse();
    }

    @Test
    void therapistLosesAccessWhenUnassigned() {
        Caller a = caller(THERAPIST_A, Role.THERAPIST);
        assignments.unlink(THERAPIST_A, BOB);

        assertThat(policy.canReadPatient(a, BOB)).isFalse();
        assertThat(policy.visiblePatients(a).includes(BOB)).isFalse();
    }

    @Test
    void patientReadsOnlyThemselves() {
        Caller alice = caller(ALICE, Role.PATIENT);

        assertThat(policy.canReadPatient(alice, ALICE)).isTrue();
        assertThat(policy.canReadPatient(alice, BOB)).isFalse();
        assertThat(policy.visiblePatients(alice)).isEqualTo(PatientScope.only(Set.of(ALICE)));
    }

    @Test
    void patientIdsNeverGrantAccessAcrossRoles() {
        // a patient whose id equals a therapist's assignment list must not inherit it
        Caller fakeTherapist = caller(THERAPIST_A, Role.PATIENT);

        assertThat(policy.canReadPatient(fakeTherapist, ALICE)).isFalse();
    }

    @Test
    void deniedReadLooksLikeAMissingPatient() {
        Caller alice = caller(ALICE, Role.PATIENT);

        assertThatThrownBy(() -> policy.requireReadPatient(alice, BOB))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no patient " + BOB);
        assertThatThrownBy(() -> policy.requireReadPatient(alice, 999_999))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no patient 999999");
        assertThatCode(() -> policy.requireReadPatient(alice, ALICE)).doesNotThrowAnyException();
    }

    private static final class InMemoryAssignments implements AssignmentLookup {
        private final Map<Long, Set<Long>> byTherapist = new HashMap<>();

        InMemoryAssignments link(long therapist, long patient) {
            byTherapist.computeIfAbsent(therapist, t -> new HashSet<>()).add(patient);
            return this;
        }

        void unlink(long therapist, long patient) {
            byTherapist.getOrDefault(therapist, new HashSet<>()).remove(patient);
        }

        @Override
        public boolean isAssigned(long therapistId, long patientId) {
            return byTherapist.getOrDefault(therapistId, Set.of()).contains(patientId);
        }

        @Override
        public Set<Long> patientsOf(long therapistId) {
            return Set.copyOf(byTherapist.getOrDefault(therapistId, Set.of()));
        }
    }
}
