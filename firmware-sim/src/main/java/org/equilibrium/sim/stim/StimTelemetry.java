package org.equilibrium.sim.stim;

import org.equilibrium.sim.stim.StimEnums.Fault;
import org.equilibrium.sim.stim.StimEnums.Modality;
import org.equilibrium.sim.stim.StimEnums.Program;
import org.equilibrium.sim.stim.StimEnums.State;

/**
 * One telemetry sample of a stimulator.
 *
 * @param tMs           virtual time (ms since the simulation start)
 * @param seq           per-device counter
 * @param modality      TENS or microcurrent
 * @param state         output state
 * @param program       running program
 * @param channel       output channel (1-based)
 * @param frequencyHz   pulse frequency setting
 * @param pulseWidthUs  pulse width (microcurrent: half period of the 50 % duty wave)
 * @param currentUa     instantaneous amplitude (0 when not delivering)
 * @param electrodeOk   impedance below the lead-off threshold
 * @param impedanceOhm  measured electrode–skin impedance
 * @param batteryPct    battery
 * @param remainingS    session time left, −1 when no timer runs
 * @param fault         latched fault, NONE when none
 */
public record StimTelemetry(long tMs, long seq, Modality modality, State state, Program program, int channel,
        double frequencyHz, double pulseWidthUs, long currentUa, boolean electrodeOk, double impedanceOhm,
        int batteryPct, int remainingS, Fault fault) {

    /** Whether pulse settings are meaningful (output on or held). */
    public boolean outputConfigured() {
        return state == State.RAMPING || state == State.RUNNING || state == State.PAUSED;
    }
}
