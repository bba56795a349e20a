package org.equilibrium.api.ble;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** {@code POST /api/ble/pair} (src/docs/api.md); {@code patient_id} may be left out by a patient pairing for themselves. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record BlePairRequest(@Nullable String gatewayId, @Nullable String address, @Nullable Long patientId) {
}
