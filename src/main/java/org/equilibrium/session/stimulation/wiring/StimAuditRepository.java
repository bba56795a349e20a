package org.equilibrium.session.stimulation.wiring;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Micronaut Data JDBC repository of {@code stim_audit}. */
@JdbcRepository(dialect = Dialect.H2)
public interface StimAuditRepository extends CrudRepository<StimAuditRow, Long> {

    /** Newest first; the caller reverses. */
    List<StimAuditRow> findByDeviceIdOrderByIdDesc(String deviceId, Pageable page);
}
