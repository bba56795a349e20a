package org.equilibrium.api.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;

/**
 * Sends a browser opening the service's root, or {@code /app} without its slash, to the sign-in page.
 * The pages themselves are static resources under {@code /app/} (src/docs/web.md).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class WebRootController {
    private static final URI SIGN_IN = URI.create("/app/index.html");

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(SIGN_IN);
    }

    @Get("/app")
    HttpResponse<?> app() {
        return HttpResponse.seeOther(SIGN_IN);
    }
}
