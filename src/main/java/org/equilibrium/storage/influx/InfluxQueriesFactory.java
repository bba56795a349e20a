package org.equilibrium.storage.influx;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The query helper as a bean, on the same server and database as the store. */
@Factory
public class InfluxQueriesFactory {

    @Singleton
    @Bean(preDestroy = "close")
    InfluxQueries influxQueries(InfluxConfiguration configuration) {
        return InfluxQueries.connect(configuration.toOptions());
    }
}
