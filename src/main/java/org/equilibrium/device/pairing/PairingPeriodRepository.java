package org.equilibrium.device.pairing;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Pairing history in the registry database. */
@JdbcRepository(dialect = Dialect.H2)
public interface PairingPeriodRepository extends CrudRepository<PairingPeriod, Long> {

    List<PairingPeriod> findByDeviceIdAndToMsIsNull(String deviceId);

    List<PairingPeriod> findByDeviceIdOrderByFromMs(String deviceId);

    List<PairingPeriod> findByPatientIdOrderByFromMs(long patientId);
}
