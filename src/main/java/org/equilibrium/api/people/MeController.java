package org.equilibrium.api.people;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.equilibrium.people.AccountService;
import org.equilibrium.people.Caller;
import org.equilibrium.people.InvalidInputException;

/** The caller's own account: any role. */
@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MeController {
    private final AccountService accounts;

    MeController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get
    AccountView me(Caller caller) {
        return AccountView.of(accounts.get(caller.accountId()));
    }

    /** 204 on success; 400 when the new password breaks the policy; 403 when the current one is wrong. */
    @Put("/password")
    @Status(HttpStatus.NO_CONTENT)
    void changePassword(Caller caller, @Body PasswordChangeRequest body) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        accounts.changeOwnPassword(caller, body.currentPassword(), body.newPassword());
    }
}
