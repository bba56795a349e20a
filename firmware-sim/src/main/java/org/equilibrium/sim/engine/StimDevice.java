package org.equilibrium.sim.engine;

import java.util.ArrayList;
import java.util.List;
import org.equilibrium.sim.scenario.Scenario.FaultSpec;
import org.equilibrium.sim.scenario.Scenario.FaultType;
import org.equilibrium.sim.scenario.Scenario.StimEvent;
import org.equilibrium.sim.scenario.Scenario.TransportForm;
import org.equilibrium.sim.stim.SimTensTelemetryEncoder;
import org.equilibrium.sim.stim.StimAck;
import org.equilibrium.sim.stim.StimCommand;
import org.equilibrium.sim.stim.StimEnums.Fault;
import org.equilibrium.sim.stim.StimJsonEncoder;
import org.equilibrium.sim.stim.StimTelemetry;
import org.equilibrium.sim.stim.Stimulator;

/** A TENS or microcurrent unit: stimulator firmware, its scheduled commands and its MQTT forms. */
final class StimDevice extends SimDevice {
    static final String TELEMETRY_STREAM = "gatt/" + SimTensTelemetryEncoder.TELEMETRY_UUID;

    private final Stimulator stim;
    private final List<StimEvent> events;
    private int nextEvent;

    StimDevice(Simulation sim, DeviceInfo info, TransportForm form, List<FaultSpec> faults, Stimulator stim,
            List<StimEvent> events) {
        super(sim, info, form, faults, events.stream().map(e -> e.atS() * 1000L).toList());
        this.stim = stim;
        this.events = new ArrayList<>(events);
        this.events.sort((a, b) -> Integer.compare(a.atS(), b.atS()));
    }

    Stimulator stimulator() {
        return stim;
    }

    @Override
    void run(long tMs) {
        stim.advanceTo(tMs, this::telemetry);
        checkBattery(tMs);
    }

    private void telemetry(StimTelemetry t) {
        if (form.json()) {
            sim.emit(this, "stim", StimJsonEncoder.encode(t, sim.epochMs(t.tMs())), t.tMs(), false);
        }
        if (form.gatt()) {
            sim.emit(this, TELEMETRY_STREAM, SimTensTelemetryEncoder.encode(t), t.tMs(), false);
        }
    }

    @Override
    void applyFaults(long tMs) {
        stim.setPeeledOff(active(FaultType.ELECTRODE_PEEL_OFF, tMs));
        for (FaultSpec f : faults) {
            if (f.type() == FaultType.STIM_FAULT && f.atS() * 1000L == tMs) {
                stim.injectFault(Fault.byWire(f.code()).orElseThrow());
            }
        }
        applyLink(tMs);
    }

    @Override
    void onEdge(long tMs) {
        while (nextEvent < events.size() && events.get(nextEvent).atS() * 1000L <= tMs) {
            StimEvent e = events.get(nextEvent++);
            StimCommand c = StimCommand.of("scenario-" + e.atS() + "-" + nextEvent, e.op()).withProgram(e.program())
                    .withCurrentUa(e.currentUa()).withFrequencyHz(e.frequencyHz()).withPulseWidthUs(e.pulseWidthUs())
                    .withDurationS(e.durationS());
            ack(stim.handle(c), tMs);
        }
    }

    /** A {@code cmd} payload received at {@code tMs}. */
    void command(byte[] payload, long tMs) {
        StimAck ack;
        try {
            ack = stim.handle(StimCommand.parse(payload));
        } catch (StimCommand.InvalidCommand e) {
            ack = StimAck.refused(e.commandId(), e.getMessage());
        }
        ack(ack, tMs);
    }

    private void ack(StimAck ack, long tMs) {
        if (ack.ok()) {
            sim.stats.acksOk++;
        } else {
            sim.stats.commandsRefused++;
        }
        sim.emit(this, "cmd/ack", ack.toJson(), tMs, false);
    }

    @Override
    int batteryPct() {
        return (int) Math.ceil(stim.batteryPct());
    }
}
