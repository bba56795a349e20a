package org.equilibrium.sim.scenario;

import java.util.List;

/** A scenario that does not validate; every message names the file, line and field. */
public final class ScenarioException extends Exception {
    private final List<String> errors;

    public ScenarioException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
