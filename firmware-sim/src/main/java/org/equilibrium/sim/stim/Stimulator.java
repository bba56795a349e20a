package org.equilibrium.sim.stim;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.equilibrium.sim.stim.StimEnums.Fault;
import org.equilibrium.sim.stim.StimEnums.Program;
import org.equilibrium.sim.stim.StimEnums.State;

/**
 * Firmware of a TENS or microcurrent unit: a command interpreter that enforces the hardware limits
 * of its {@link StimulatorModel}, an output stage whose amplitude ramps at a limited rate, a session
 * timer, electrode impedance monitoring with lead-off auto-stop, battery, and latched faults.
 *
 * <p>The output stage is stepped every {@value #STEP_MS} ms of virtual time; lead-off is checked on
 * every step, so output stops within one step (well within one telemetry period) of the impedance
 * crossing the threshold. Telemetry is produced every {@code telemetryPeriodMs} on the virtual clock.
 *
 * <p>Programs: {@code conventional} (constant amplitude at the set frequency), {@code burst} (trains
 * at 2 Hz of pulses at the set frequency; telemetry reports the set frequency), {@code modulated}
 * (amplitude swings between 70 % and 100 % of the set point over a 5 s cycle; telemetry reports the
 * instantaneous amplitude).
 *
 * <p>Pure and deterministic given its seed; not thread-safe (the simulation calls it from one thread).
 */
public final class Stimulator {
    public static final long STEP_MS = 20;
    private static final double PEEL_OFF_OHM = 80_000;
    private static final double PEEL_TAU_S = 1.0;
    private static final double REAPPLY_TAU_S = 3.0;
    private static final double MODULATION_PERIOD_S = 5.0;
    private static final double BATTERY_FAULT_PCT = 3;

    private final StimulatorModel model;
    private final SplittableRandom random;

    private long timeMs;
    private long nextTelemetryMs;
    private long seq;

    private Program program = Program.CONVENTIONAL;
    private double frequencyHz;
    private double pulseWidthUs;
    private long setPointUa;

    private State state = State.STOPPED;
    private Fault fault = Fault.NONE;
    private double outputUa;
    private double rampTargetUa;
    private State afterRamp = State.RUNNING;
    private long remainingMs = -1;

    private double impedanceOhm;
    private double drift;
    private boolean peeledOff;
    private double batteryPct;
    private long leadOffStoppedAtMs = -1;

    public Stimulator(StimulatorModel model, long seed, double batteryPct, long startMs) {
        this.model = model;
        this.random = new SplittableRandom(seed);
        this.batteryPct = batteryPct;
        this.timeMs = startMs;
        this.nextTelemetryMs = startMs;
        this.frequencyHz = model.modality() == StimEnums.Modality.TENS ? 80 : 10;
        this.pulseWidthUs = model.pulseWidthSettable() ? 200 : halfPeriodUs(frequencyHz);
        this.impedanceOhm = model.typicalImpedanceOhm() * (0.8 + 0.4 * random.nextDouble());
    }

    public StimulatorModel model() {
        return model;
    }

    public State state() {
        return state;
    }

    public Fault fault() {
        return fault;
    }

    public double outputUa() {
        return outputUa;
    }

    public double impedanceOhm() {
        return impedanceOhm;
    }

    public double batteryPct() {
        return batteryPct;
    }

    /** Virtual time at which lead-off last cut the output, −1 if never. */
    public long leadOffStoppedAtMs() {
        return leadOffStoppedAtMs;
    }

    /** Electrodes peel off (impedance rises towards open circuit) or are pressed back on. */
    public void setPeeledOff(boolean off) {
        peeledOff = off;
    }

    /** A hardware-detected fault (over-current, hardware): output off at once, latched until stop. */
    public void injectFault(Fault f) {
        if (f == Fault.NONE) {
            throw new IllegalArgumentException("inject a real fault, not NONE");
        }
        latchFault(f);
    }

    /**
     * Executes a command at the current virtual time and returns the ack. Every refusal names the
     * reason; nothing is changed by a refused command.
     */
    public StimAck handle(StimCommand cmd) {
        String id = cmd.id();
        if (id == null || id.isEmpty()) {
            return StimAck.refused(null, "missing id");
        }
        if (cmd.op() == null) {
            return StimAck.refused(id, "missing op");
        }
        String error = validate(cmd);
        if (error != null) {
            return StimAck.refused(id, error);
        }
        switch (cmd.op()) {
            case "set" -> {
                applySettings(cmd);
                if (state == State.RUNNING || state == State.RAMPING) {
                    rampTo(setPointUa, setPointUa > 0 ? State.RUNNING : State.PAUSED);
                }
            }
            case "start" -> {
                if (state == State.FAULT) {
                    return StimAck.refused(id, "device in fault " + fault.wire + "; send stop to clear");
                }
                if (impedanceOhm >= model.leadOffOhm()) {
                    return StimAck.refused(id, "electrode lead-off: impedance " + Math.round(impedanceOhm)
                            + " ohm exceeds " + Math.round(model.leadOffOhm()));
                }
                long target = Double.isNaN(cmd.currentUa()) ? setPointUa : Math.round(cmd.currentUa());
                if (target <= 0) {
                    return StimAck.refused(id, "current_ua must be > 0 to start");
                }
                applySettings(cmd);
                if (!Double.isNaN(cmd.durationS())) {
                    remainingMs = Math.round(cmd.durationS() * 1000);
                } else if (state != State.PAUSED || remainingMs < 0) {
                    remainingMs = model.defaultSessionS() * 1000L;
                }
                rampTo(setPointUa, State.RUNNING);
            }
            case "stop" -> {
                if (state == State.FAULT) {
                    fault = Fault.NONE;
                    state = State.STOPPED;
                } else if (state != State.STOPPED) {
                    rampTo(0, State.STOPPED);
                }
                remainingMs = -1;
            }
            case "pause" -> {
                if (state == State.RUNNING || state == State.RAMPING) {
                    rampTo(0, State.PAUSED);
                }
            }
            default -> {
                return StimAck.refused(id, "op '" + cmd.op() + "' unknown; expected start, stop or set");
            }
        }
        return StimAck.accepted(id, new StimAck.Applied(cmd.op(), program.wire, frequencyHz, pulseWidthUs, setPointUa,
                rampTarget() > outputUa ? model.rampUpUaPerS() : model.rampDownUaPerS(),
                remainingMs < 0 ? -1 : (int) ((remainingMs + 999) / 1000)));
    }

    private double rampTarget() {
        return state == State.RAMPING ? rampTargetUa : outputUa;
    }

    /** Checks every requested value against the hardware; returns the first violation or null. */
    private String validate(StimCommand c) {
        if (!Double.isNaN(c.currentUa())) {
            if (c.currentUa() < 0) {
                return "current_ua " + num(c.currentUa()) + " must be >= 0";
            }
            if (c.currentUa() > model.maxCurrentUa()) {
                return "current_ua " + num(c.currentUa()) + " exceeds device limit " + model.maxCurrentUa();
            }
        }
        if (!Double.isNaN(c.frequencyHz())
                && (c.frequencyHz() < model.minFrequencyHz() || c.frequencyHz() > model.maxFrequencyHz())) {
            return "frequency_hz " + num(c.frequencyHz()) + " outside device range " + num(model.minFrequencyHz())
                    + "-" + num(model.maxFrequencyHz());
        }
        if (!Double.isNaN(c.pulseWidthUs())) {
            if (!model.pulseWidthSettable()) {
                return "pulse_width_us is not settable on this device (50 % duty square wave)";
            }
            if (c.pulseWidthUs() < model.minPulseWidthUs() || c.pulseWidthUs() > model.maxPulseWidthUs()) {
                return "pulse_width_us " + num(c.pulseWidthUs()) + " outside device range " + model.minPulseWidthUs()
                        + "-" + model.maxPulseWidthUs();
            }
        }
        if (c.program() != null && Program.byWire(c.program()).isEmpty()) {
            return "program '" + c.program() + "' unknown; device programs: conventional, burst, modulated";
        }
        if (!Double.isNaN(c.durationS()) && (c.durationS() < 1 || c.durationS() > model.maxSessionS())) {
            return "duration_s " + num(c.durationS()) + " outside device range 1-" + model.maxSessionS();
        }
        return null;
    }

    private void applySettings(StimCommand c) {
        if (!Double.isNaN(c.currentUa())) {
            setPointUa = Math.round(c.currentUa());
        }
        if (!Double.isNaN(c.frequencyHz())) {
            frequencyHz = c.frequencyHz();
            if (!model.pulseWidthSettable()) {
                pulseWidthUs = halfPeriodUs(frequencyHz);
            }
        }
        if (!Double.isNaN(c.pulseWidthUs())) {
            pulseWidthUs = Math.round(c.pulseWidthUs());
        }
        if (c.program() != null) {
            program = Program.byWire(c.program()).orElseThrow();
        }
    }

    private void rampTo(double targetUa, State then) {
        rampTargetUa = targetUa;
        afterRamp = then;
        state = State.RAMPING;
    }

    /**
     * Runs the unit up to {@code tMs}, handing telemetry to {@code out} in time order. The output
     * stage moves on a fixed {@value #STEP_MS} ms grid of virtual time, so the result does not depend
     * on how a run slices time; a command applies at the last grid point reached.
     */
    public void advanceTo(long tMs, Consumer<StimTelemetry> out) {
        while (timeMs + STEP_MS <= tMs) {
            emitDue(out);
            step(STEP_MS);
            timeMs += STEP_MS;
        }
        emitDue(out);
    }

    private void emitDue(Consumer<StimTelemetry> out) {
        if (nextTelemetryMs <= timeMs) {
            out.accept(telemetry());
            nextTelemetryMs += model.telemetryPeriodMs();
        }
    }

    private void step(long dtMs) {
        double dtS = dtMs / 1000.0;
        // Impedance: a slow random drift around the applied value (gel drying, sweat); peel-off
        // pulls it towards open circuit, pressing the electrode back brings it home.
        double e = Math.exp(-dtS / 120);
        drift = drift * e + 0.08 * Math.sqrt(1 - e * e) * random.nextGaussian();
        double home = model.typicalImpedanceOhm() * Math.exp(drift);
        double target = peeledOff ? PEEL_OFF_OHM + home : home;
        double tau = peeledOff ? PEEL_TAU_S : REAPPLY_TAU_S;
        impedanceOhm += (target - impedanceOhm) * (1 - Math.exp(-dtS / tau));

        boolean delivering = state == State.RAMPING || state == State.RUNNING;
        if (delivering && impedanceOhm >= model.leadOffOhm()) {
            latchFault(Fault.LEAD_OFF);
            leadOffStoppedAtMs = timeMs + dtMs;
        }
        double load = outputUa / model.maxCurrentUa();
        batteryPct = Math.max(0, batteryPct - dtS / 3600
                * (model.idleDrainPctPerHour() + load * model.fullOutputDrainPctPerHour()));
        if ((state == State.RAMPING || state == State.RUNNING) && batteryPct < BATTERY_FAULT_PCT) {
            latchFault(Fault.BATTERY_LOW);
        }

        if (state == State.RAMPING) {
            double rate = rampTargetUa > outputUa ? model.rampUpUaPerS() : model.rampDownUaPerS();
            double delta = rate * dtS;
            if (Math.abs(rampTargetUa - outputUa) <= delta) {
                outputUa = rampTargetUa;
                state = afterRamp;
            } else {
                outputUa += Math.signum(rampTargetUa - outputUa) * delta;
            }
        }
        if (remainingMs >= 0 && (state == State.RUNNING || state == State.RAMPING) && afterRamp == State.RUNNING) {
            remainingMs = Math.max(0, remainingMs - dtMs);
            if (remainingMs == 0) {
                rampTo(0, State.STOPPED);
                remainingMs = -1;
            }
        }
    }

    private void latchFault(Fault f) {
        outputUa = 0;
        rampTargetUa = 0;
        state = State.FAULT;
        fault = f;
    }

    private StimTelemetry telemetry() {
        double amplitude = outputUa;
        if (program == Program.MODULATED && state == State.RUNNING) {
            double phase = 2 * Math.PI * (timeMs / 1000.0) / MODULATION_PERIOD_S;
            amplitude *= 1 - 0.3 * (0.5 - 0.5 * Math.cos(phase));
        }
        seq++;
        return new StimTelemetry(timeMs, seq, model.modality(), state, program, 1, frequencyHz, pulseWidthUs,
                Math.round(amplitude), impedanceOhm < model.leadOffOhm(), impedanceOhm,
                (int) Math.round(Math.floor(batteryPct)), remainingMs < 0 ? -1 : (int) ((remainingMs + 999) / 1000),
                fault);
    }

    private static double halfPeriodUs(double hz) {
        return Math.round(500_000 / hz);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
