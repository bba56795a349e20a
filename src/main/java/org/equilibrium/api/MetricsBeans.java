package org.equilibrium.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * An in-memory Micrometer registry behind {@code /metrics}. micronaut-micrometer-core only provides the
 * composite registry, which records nothing without a concrete registry in it; an exporting registry
 * (e.g. Prometheus) can be added beside this one later.
 */
@Factory
@Requires(property = "micronaut.metrics.enabled", notEquals = "false")
public class MetricsBeans {

    @Singleton
    SimpleMeterRegistry simpleMeterRegistry() {
        return new SimpleMeterRegistry();
    }
}
