package org.equilibrium.session.live;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Sessions in the registry database. */
@JdbcRepository(dialect = Dialect.H2)
public interface SessionRecordRepository extends CrudRepository<SessionRecord, String> {

    List<SessionRecord> findByActive(boolean active);

    List<SessionRecord> findByPatientIdOrderByStartedMsDesc(long patientId);

    List<SessionRecord> listOrderByStartedMsDesc();
}
