package org.equilibrium.people.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.equilibrium.people.Caller;

import java.util.Optional;

/**
 * Lets a controller method declare {@code Caller caller} and receive the authenticated account.
 * Unsatisfied on anonymous requests, which secured routes never see.
 */
@Singleton
class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {
    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class).flatMap(Callers::from);
        return caller.isPresent() ? () -> caller : BindingResult.unsatisfied();
    }

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }
}
