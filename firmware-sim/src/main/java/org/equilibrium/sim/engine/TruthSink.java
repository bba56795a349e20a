package org.equilibrium.sim.engine;

/** Receives the ground truth of each strap's wearer once per virtual second (e.g. a JSON-lines file). */
@FunctionalInterface
public interface TruthSink {
    /** @param jsonLine one JSON object, including {@code "device"} */
    void truth(String jsonLine);
}
