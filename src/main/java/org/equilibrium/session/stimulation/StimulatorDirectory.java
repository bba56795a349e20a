package org.equilibrium.session.stimulation;

import java.util.Optional;

/** Looks devices up for the command service: owner and safety envelope. */
public interface StimulatorDirectory {
    Optional<StimulatorTarget> find(String deviceId);
}
