package org.equilibrium.api.stim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /api/devices/{id}/stim/commands}: {@code {"op":"start","current_ua":900,"frequency_hz":80,
 * "pulse_width_us":200}} (the contract's field names; absent values null).
 */
@Serdeable
public record StimCommandBody(@Nullable String op, @Nullable @JsonProperty("current_ua") Long currentUa,
                              @Nullable @JsonProperty("frequency_hz") Double frequencyHz,
                              @Nullable @JsonProperty("pulse_width_us") Double pulseWidthUs) {
}
