package org.equilibrium.api.people;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.equilibrium.people.Account;
import org.equilibrium.people.AccountService;
import org.equilibrium.people.Caller;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.people.NewAccount;
import org.equilibrium.people.Role;

import java.net.URI;
import java.util.List;

/** Account administration: administrators only (other roles get 403). */
@Controller("/api")
@Secured(Role.Names.ADMINISTRATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
class UsersController {
    private final AccountService accounts;

    UsersController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** 201 with the new account and its Location; 400 invalid field; 409 username taken. */
    @Post("/users")
    HttpResponse<AccountView> create(@Body NewUserRequest body) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        Account created = accounts.create(new NewAccount(body.username(), body.displayName(),
                body.role() == null ? null : Role.parse("role", body.role()), body.password()));
        return HttpResponse.created(AccountView.of(created), URI.create("/api/users/" + created.id()));
    }

    @Get("/users")
    List<AccountView> list() {
        return accounts.list().stream().map(AccountView::of).toList();
    }

    @Get("/users/{id}")
    AccountView get(long id) {
        return AccountView.of(accounts.get(id));
    }

    /** Disables the account: no more logins, and its tokens stop working at once. */
    @Post("/users/{id}/disable")
    AccountView disable(Caller caller, long id) {
        return AccountView.of(accounts.setDisabled(caller, id, true));
    }

    @Post("/users/{id}/enable")
    AccountView enable(Caller caller, long id) {
        return AccountView.of(accounts.setDisabled(caller, id, false));
    }

    /** Assigns a patient to a therapist (idempotent). 400 when the ids have the wrong roles. */
    @Put("/therapists/{therapistId}/patients/{patientId}")
    @Status(HttpStatus.NO_CONTENT)
    void assign(long therapistId, long patientId) {
        accounts.assign(therapistId, patientId);
    }

    /** Removes the assignment; 404 when there was none. */
    @Delete("/therapists/{therapistId}/patients/{patientId}")
    @Status(HttpStatus.NO_CONTENT)
    void unassign(long therapistId, long patientId) {
        accounts.unassign(therapistId, patientId);
    }

    @Get("/therapists/{therapistId}/patients")
    List<PatientView> patientsOf(long therapistId) {
        return accounts.patientAccountsOf(therapistId).stream().map(PatientView::of).toList();
    }
}
