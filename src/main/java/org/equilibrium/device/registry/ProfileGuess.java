package org.equilibrium.device.registry;

import java.util.Set;

/**
 * The profile of a device that was never configured: the model it announces in {@code status} when that
 * is a known profile id, else a guess from the first stream it used. Profile ids are fixed (shared
 * decisions): the guesses name the generic profiles.
 */
public final class ProfileGuess {
    private final Set<String> knownProfileIds;

    public ProfileGuess(Set<String> knownProfileIds) {
        this.knownProfileIds = Set.copyOf(knownProfileIds);
    }

    /** The profile ids fixed for the first release (device-profiles/*.yaml). */
    public static ProfileGuess standard() {
        return new ProfileGuess(Set.of("generic-hrs-strap", "polar-h10", "garmin-hrm-pro", "mqtt-hr-json",
                "mqtt-tens-generic", "mqtt-microcurrent-generic", "equilibrium-sim-tens",
                "equilibrium-sim-microcurrent"));
    }

    public String fromModel(String model) {
        return model != null && knownProfileIds.contains(model) ? model : null;
    }

    public String fromStream(String stream) {
        String guess = switch (stream) {
            case "hr" -> "mqtt-hr-json";
            case "gatt/2a37" -> "generic-hrs-strap";
            case "stim" -> "mqtt-tens-generic";
            case "gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69" -> "equilibrium-sim-tens";
            default -> null;
        };
        return guess != null && knownProfileIds.contains(guess) ? guess : null;
    }
}
