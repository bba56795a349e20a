package org.equilibrium.sim.strap;

import org.equilibrium.sim.heart.Beat;

/** The heart a strap sits on: yields successive beats, each after the previous one. */
@FunctionalInterface
public interface BeatSource {
    Beat next();
}
