package org.equilibrium.device.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/**
 * Micronaut Data JDBC repository of {@code devices}. The dialect here is the default; setting
 * {@code datasources.default.dialect} (and the JDBC URL) moves it to PostgreSQL without code changes.
 */
@JdbcRepository(dialect = Dialect.H2)
public interface DeviceRepository extends CrudRepository<DeviceEntity, String> {
}
