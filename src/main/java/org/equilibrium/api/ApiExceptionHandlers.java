package org.equilibrium.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.equilibrium.people.ConflictException;
import org.equilibrium.people.ForbiddenException;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.people.NotFoundException;

/** Maps the service exceptions to statuses with an {@link ApiError} body. */
public final class ApiExceptionHandlers {
    private ApiExceptionHandlers() {
    }

    static HttpResponse<ApiError> error(HttpStatus status, String code, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(status.getCode(), code, message));
    }

    @Produces
    @Singleton
    static final class InvalidInput implements ExceptionHandler<InvalidInputException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, InvalidInputException e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_input", e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class NotFound implements ExceptionHandler<NotFoundException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, NotFoundException e) {
            return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class Conflict implements ExceptionHandler<ConflictException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConflictException e) {
            return error(HttpStatus.CONFLICT, "conflict", e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class Forbidden implements ExceptionHandler<ForbiddenException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ForbiddenException e) {
            return error(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class SessionConflict implements ExceptionHandler<org.equilibrium.session.IllegalSessionChangeException,
            HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, org.equilibrium.session.IllegalSessionChangeException e) {
            return error(HttpStatus.CONFLICT, "conflict", e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class NoSensor implements ExceptionHandler<org.equilibrium.session.live.NoHeartRateSensorException,
            HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request,
                                             org.equilibrium.session.live.NoHeartRateSensorException e) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "unprocessable", e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class ClaimThrottled implements ExceptionHandler<org.equilibrium.device.pairing.ClaimThrottledException,
            HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request,
                                             org.equilibrium.device.pairing.ClaimThrottledException e) {
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(e.retryAfterS()))
                    .body(new ApiError(429, "too_many_requests", e.getMessage()));
        }
    }

    @Produces
    @Singleton
    static final class GatewayUnavailable implements ExceptionHandler<
            org.equilibrium.device.pairing.GatewayUnavailableException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request,
                                             org.equilibrium.device.pairing.GatewayUnavailableException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "gateway_unavailable", e.getMessage());
        }
    }
}
