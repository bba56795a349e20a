package org.equilibrium.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of every error answer of our API.
 *
 * @param status  the HTTP status code, repeated for clients that only keep the body
 * @param error   a stable machine-readable code: {@code invalid_input}, {@code not_found},
 *                {@code conflict}, {@code forbidden}, {@code too_many_requests}
 * @param message what went wrong, for a person; names the offending field for {@code invalid_input}
 */
@Serdeable
public record ApiError(int status, String error, String message) {
}
