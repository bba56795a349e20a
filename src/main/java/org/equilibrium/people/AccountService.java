package org.equilibrium.people;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts and therapist–patient assignments: the use cases behind the people API and the login.
 * Validates every input (throwing {@link InvalidInputException}, {@link NotFoundException},
 * {@link ConflictException}) and never logs or returns a password. Blocking (JDBC, Argon2):
 * call it from a worker thread. Methods that run Argon2id are deliberately not transactional, so
 * no pooled connection is held while a hash is computed (or waits for a free core); the unique
 * constraint on the username covers the race in {@link #create}.
 */
@Singleton
public class AccountService implements AssignmentLookup {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final int MAX_DISPLAY_NAME = 200;

    private final AccountRepository accounts;
    private final AssignmentRepository assignments;
    private final PasswordHasher hasher;
    private final AccountStatus status;
    // Verified against when the username is unknown, so that a miss costs the same time as a
    // wrong password and response times do not reveal which usernames exist.
    private final String decoyHash;

    public AccountService(AccountRepository accounts, AssignmentRepository assignments, PasswordHasher hasher,
                          AccountStatus status) {
        this.accounts = accounts;
        this.assignments = assignments;
        this.hasher = hasher;
        this.status = status;
        this.decoyHash = hasher.hash("decoy password that nobody has " + System.nanoTime());
    }

    /** Creates an account after validating every field. */
    public Account create(NewAccount request) {
        String username = Usernames.validNew(request.username());
        String displayName = request.displayName() == null ? "" : request.displayName().strip();
        if (displayName.isEmpty()) {
            throw new InvalidInputException("displayName", "is required");
        }
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw new InvalidInputException("displayName", "must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (request.role() == null) {
            throw new InvalidInputException("role", "is required (PATIENT, THERAPIST or ADMINISTRATOR)");
        }
        PasswordPolicy.check("password", request.password());
        if (accounts.existsByUsername(username)) {
            throw new ConflictException("username '" + username + "' is already taken");
        }
        Account saved;
        try {
            saved = accounts.save(new Account(null, username, displayName, request.role(),
                    hasher.hash(request.password()), false, Instant.now()));
        } catch (DataAccessException raced) {
            // a concurrent create of the same name passed the check above; the constraint caught it
            throw new ConflictException("username '" + username + "' is already taken");
        }
        status.update(saved);
        LOG.info("Created {} account '{}' (id {})", saved.role(), saved.username(), saved.id());
        return saved;
    }

    public List<Account> list() {
        return accounts.listOrderByUsername();
    }

    public Account get(long accountId) {
        return accounts.findById(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
    }

    public Optional<Account> find(long accountId) {
        return accounts.findById(accountId);
    }

    public boolean hasActiveAdministrator() {
        return accounts.existsByRoleAndDisabled(Role.ADMINISTRATOR, false);
    }

    public boolean usernameTaken(String username) {
        return accounts.existsByUsername(Usernames.normalise(username));
    }

    /**
     * Disables or re-enables an account. A disabled account cannot log in, and tokens issued to it
     * before stop working at once. An administrator cannot disable themselves, so the last
     * administrator cannot lock everyone out.
     */
    @Transactional
    public Account setDisabled(Caller by, long accountId, boolean disabled) {
        Account account = get(accountId);
        if (disabled && account.id() == by.accountId()) {
            throw new ConflictException("you cannot disable your own account");
        }
        if (account.disabled() == disabled) {
            return account;
        }
        Account updated = accounts.update(account.withDisabled(disabled));
        status.update(updated);
        LOG.info("Account '{}' (id {}) {} by '{}'", updated.username(), updated.id(),
                disabled ? "disabled" : "enabled", by.username());
        return updated;
    }

    /** Checks a login. Always spends one Argon2id verification, whatever the outcome. */
    public LoginResult checkCredentials(String username, String password) {
        String normal = Usernames.normalise(username);
        Account account = normal == null ? null : accounts.findByUsername(normal).orElse(null);
        if (account == null) {
            hasher.verify(password == null ? "" : password, decoyHash);
            return LoginResult.failed(LoginResult.Failure.UNKNOWN_USERNAME);
        }
        if (!hasher.verify(password, account.passwordHash())) {
            return LoginResult.failed(LoginResult.Failure.WRONG_PASSWORD);
        }
        if (account.disabled()) {
            return LoginResult.failed(LoginResult.Failure.DISABLED);
        }
        if (hasher.needsRehash(account.passwordHash())) {
            account = accounts.update(account.withPasswordHash(hasher.hash(password)));
        }
        return LoginResult.ok(account);
    }

    /**
     * Changes the caller's own password after checking the current one.
     *
     * @throws ForbiddenException when {@code currentPassword} is wrong
     */
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
        if (currentPassword == null) {
            throw new InvalidInputException("currentPassword", "is required");
        }
        PasswordPolicy.check("newPassword", newPassword);
        Account account = get(caller.accountId());
        if (!hasher.verify(currentPassword, account.passwordHash())) {
            LOG.warn("Password change for '{}' refused: current password did not match", account.username());
            throw new ForbiddenException("current password does not match");
        }
        accounts.update(account.withPasswordHash(hasher.hash(newPassword)));
        LOG.info("Account '{}' changed its password", account.username());
    }

    /** Links a therapist to a patient. Assigning twice is harmless. */
    @Transactional
    public void assign(long therapistId, long patientId) {
        requireRole(therapistId, Role.THERAPIST, "therapistId");
        requireRole(patientId, Role.PATIENT, "patientId");
        if (assignments.existsByTherapistIdAndPatientId(therapistId, patientId)) {
            return;
        }
        assignments.save(new Assignment(null, therapistId, patientId, Instant.now()));
        LOG.info("Assigned patient {} to therapist {}", patientId, therapistId);
    }

    /** Removes a link; 404 when there was none. */
    @Transactional
    public void unassign(long therapistId, long patientId) {
        if (assignments.deleteByTherapistIdAndPatientId(therapistId, patientId) == 0) {
            throw new NotFoundException("patient " + patientId + " is not assigned to therapist " + therapistId);
        }
        LOG.info("Unassigned patient {} from therapist {}", patientId, therapistId);
    }

    /** The patient accounts assigned to a therapist, by username. */
    public List<Account> patientAccountsOf(long therapistId) {
        List<Long> ids = List.copyOf(patientsOf(therapistId));
        return ids.isEmpty() ? List.of() : accounts.findByIdInListOrderByUsername(ids);
    }

    /** The therapist ids a patient is assigned to. */
    public Set<Long> therapistsOf(long patientId) {
        Set<Long> ids = new HashSet<>();
        assignments.findByPatientId(patientId).forEach(a -> ids.add(a.therapistId()));
        return ids;
    }

    @Override
    public boolean isAssigned(long therapistId, long patientId) {
        return assignments.existsByTherapistIdAndPatientId(therapistId, patientId);
    }

    @Override
    public Set<Long> patientsOf(long therapistId) {
        Set<Long> ids = new HashSet<>();
        assignments.findByTherapistId(therapistId).forEach(a -> ids.add(a.patientId()));
        return ids;
    }

    private void requireRole(long accountId, Role role, String field) {
        Account account = accounts.findById(accountId)
                .orElseThrow(() -> new NotFoundException("no account " + accountId));
        if (account.role() != role) {
            throw new InvalidInputException(field, "account " + accountId + " is a " + account.role()
                    + ", not a " + role);
        }
    }
}
