package org.equilibrium.device.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * One period during which a device belonged to a patient; {@code toMs} null while it still does.
 *
 * @param pairedBy account id of who claimed it
 */
@MappedEntity("pairing_periods")
public record PairingPeriod(@Id @GeneratedValue @Nullable Long id, String deviceId, long patientId, long fromMs,
                            @Nullable Long toMs, long pairedBy) {
}
