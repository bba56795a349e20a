package org.equilibrium.people;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** Therapist–patient links in the embedded registry database. */
@JdbcRepository(dialect = Dialect.H2)
public interface AssignmentRepository extends CrudRepository<Assignment, Long> {

    boolean existsByTherapistIdAndPatientId(long therapistId, long patientId);

    List<Assignment> findByTherapistId(long therapistId);

    List<Assignment> findByPatientId(long patientId);

    int deleteByTherapistIdAndPatientId(long therapistId, long patientId);
}
