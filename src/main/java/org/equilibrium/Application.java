package org.equilibrium;

import io.micronaut.runtime.Micronaut;

/** The HTTP service: MQTT ingest, analysis, storage and the API. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
