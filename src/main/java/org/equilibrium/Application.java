package org.equilibrium;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The HTTP service: MQTT ingest, analysis, storage and the API. */
@OpenAPIDefinition(
        info = @Info(title = "equilibrium", version = "1",
                description = "Wearable biofeedback: devices, pairing, sessions with live autonomic estimates, "
                        + "history, summaries and exports. Contract and details: src/docs/api.md."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
