package org.equilibrium.sim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.equilibrium.sim.heart.PatientParameters;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.Scenario.DeviceSpec;
import org.equilibrium.sim.scenario.Scenario.FaultSpec;
import org.equilibrium.sim.scenario.Scenario.FaultType;
import org.equilibrium.sim.scenario.Scenario.StimEvent;
import org.equilibrium.sim.scenario.Timeline;
import org.equilibrium.sim.stim.Stimulator;
import org.equilibrium.sim.stim.StimulatorModel;
import org.equilibrium.sim.strap.StrapProfile;

/**
 * A scenario turned into devices on a virtual clock. {@link #advanceTo} moves every device to a
 * virtual time; who calls it how fast (real time, ×60, as fast as possible) is the {@link Runner}'s
 * business, so the same seed gives the same messages at any speed.
 *
 * <p>Single-threaded: only {@link #submitCommand} may be called from other threads.
 */
public final class Simulation {
    private final Scenario scenario;
    private final long startEpochMs;
    private final SimSink sink;
    private final TruthSink truthFile;
    private final List<SimDevice> devices = new ArrayList<>();
    private final Map<String, SimDevice> byId = new HashMap<>();
    private final ConcurrentLinkedQueue<Inbound> inbox = new ConcurrentLinkedQueue<>();
    final SimStats stats = new SimStats();
    private long timeMs;
    private boolean started;

    private record Inbound(String deviceId, byte[] payload) {
    }

    /**
     * @param truthFile receives ground truth lines, or null
     */
    public Simulation(Scenario scenario, long startEpochMs, SimSink sink, TruthSink truthFile) {
        this.scenario = scenario;
        this.startEpochMs = startEpochMs;
        this.sink = sink;
        this.truthFile = truthFile;
        build();
        sink.setCommandListener(this::submitCommand);
    }

    private void build() {
        long seed = scenario.seed();
        int index = 0;
        for (DeviceSpec spec : scenario.devices()) {
            for (int k = 1; k <= spec.count(); k++) {
                String suffix = spec.count() > 1 ? String.format("-%05d", k) : "";
                String id = spec.id() + suffix;
                String patient = spec.patient() + suffix;
                long patientHash = Seeds.hash(patient);
                long deviceSeed = Seeds.mix(seed, Seeds.hash(id), 4);
                double battery = !Double.isNaN(spec.batteryPct()) ? spec.batteryPct()
                        : 55 + 45 * ((Seeds.mix(deviceSeed, 5) >>> 11) * 0x1.0p-53);
                long offsetMs = scenario.staggerS() > 0
                        ? Math.floorMod(Seeds.mix(seed, patientHash, 3), scenario.staggerS() * 1000L) : 0;
                Timeline timeline = new Timeline(scenario.phases(), scenario.loopPhases(), offsetMs);
                String claim = ClaimCodes.of(seed, id);
                var strapProfile = StrapProfile.byId(spec.profile());
                SimDevice device;
                if (strapProfile.isPresent()) {
                    StrapProfile p = strapProfile.get();
                    if (!Double.isNaN(spec.batteryDrainPctPerHour())) {
                        p = new StrapProfile(p.id(), p.firmware(), p.periodMs(), p.rrLockMs(), p.energyEveryN(),
                                p.bpmAverageBeats(), spec.batteryDrainPctPerHour());
                    }
                    DeviceInfo info = new DeviceInfo(index, id, p.id(), p.firmware(), patient, claim, false);
                    device = new StrapDevice(this, info, spec.transport(), faultsFor(spec, id, false), p,
                            PatientParameters.draw(Seeds.mix(seed, patientHash, 2)), Seeds.mix(seed, patientHash, 1),
                            deviceSeed, battery, timeline);
                } else {
                    StimulatorModel m = StimulatorModel.byId(spec.profile()).orElseThrow(
                            () -> new IllegalArgumentException("unknown profile " + spec.profile()));
                    if (!Double.isNaN(spec.batteryDrainPctPerHour())) {
                        m = new StimulatorModel(m.id(), m.firmware(), m.modality(), m.maxCurrentUa(),
                                m.minFrequencyHz(), m.maxFrequencyHz(), m.minPulseWidthUs(), m.maxPulseWidthUs(),
                                m.rampUpUaPerS(), m.rampDownUaPerS(), m.leadOffOhm(), m.typicalImpedanceOhm(),
                                m.maxSessionS(), m.defaultSessionS(), m.telemetryPeriodMs(),
                                spec.batteryDrainPctPerHour(), m.fullOutputDrainPctPerHour());
                    }
                    DeviceInfo info = new DeviceInfo(index, id, m.id(), m.firmware(), patient, claim, true);
                    List<StimEvent> events = scenario.stimulation().stream()
                            .filter(e -> e.device().equals(spec.id())).toList();
                    device = new StimDevice(this, info, spec.transport(), faultsFor(spec, id, true),
                            new Stimulator(m, deviceSeed, battery, 0), events);
                }
                devices.add(device);
                byId.put(id, device);
                index++;
            }
        }
    }

    private List<FaultSpec> faultsFor(DeviceSpec spec, String id, boolean stimulator) {
        List<FaultSpec> out = new ArrayList<>();
        List<FaultSpec> all = scenario.faults();
        for (int i = 0; i < all.size(); i++) {
            FaultSpec f = all.get(i);
            boolean kindFits = stimulator ? !f.type().forStraps() : !f.type().forStimulators();
            boolean targeted = f.device() == null || f.device().equals(spec.id());
            if (!kindFits || !targeted) {
                continue;
            }
            if (f.type() == FaultType.BROKER_OUTAGE) {
                out.add(f);
                continue;
            }
            double u = (Seeds.mix(scenario.seed(), i, Seeds.hash(id), 6) >>> 11) * 0x1.0p-53;
            if (u < f.fraction()) {
                out.add(f);
            }
        }
        return out;
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<DeviceInfo> devices() {
        return devices.stream().map(d -> d.info).toList();
    }

    public SimStats stats() {
        return stats;
    }

    public long timeMs() {
        return timeMs;
    }

    public long durationMs() {
        return scenario.durationS() * 1000L;
    }

    public long epochMs(long virtualMs) {
        return startEpochMs + virtualMs;
    }

    /** Queues a {@code cmd} payload for a device; applied at the next {@link #advanceTo}. Thread-safe. */
    public void submitCommand(String deviceId, byte[] payload) {
        inbox.add(new Inbound(deviceId, payload));
    }

    /** Connects every device (retained online status) at virtual time 0. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        for (SimDevice d : devices) {
            connect(d, 0);
        }
        advanceTo(0);
    }

    /** Moves every device to {@code tMs} (virtual), then applies received commands at that time. */
    public void advanceTo(long tMs) {
        if (!started) {
            start();
        }
        if (tMs < timeMs) {
            throw new IllegalArgumentException("virtual time cannot go back: " + tMs + " < " + timeMs);
        }
        for (SimDevice d : devices) {
            d.advanceTo(tMs);
        }
        timeMs = tMs;
        Inbound in;
        while ((in = inbox.poll()) != null) {
            SimDevice d = byId.get(in.deviceId());
            if (d instanceof StimDevice s && s.linkUp) {
                stats.commandsReceived++;
                s.command(in.payload(), tMs);
            }
        }
    }

    /** Publishes every connected device's offline status and disconnects it (the end of a run). */
    public void finish() {
        for (SimDevice d : devices) {
            if (d.linkUp) {
                disconnect(d, true);
                d.linkUp = false;
            }
        }
    }

    /** The firmware model of a stimulator, for tests. */
    public Stimulator stimulator(String deviceId) {
        if (byId.get(deviceId) instanceof StimDevice s) {
            return s.stimulator();
        }
        throw new IllegalArgumentException("no stimulator " + deviceId);
    }

    boolean wantsTruth() {
        return truthFile != null || scenario.truthTopic();
    }

    void truth(SimDevice d, String body, long tMs) {
        if (truthFile != null) {
            StringBuilder line = new StringBuilder(body.length() + 40).append("{\"device\":");
            org.equilibrium.sim.wire.JsonText.string(line, d.info.id()).append(',').append(body);
            truthFile.truth(line.toString());
        }
        if (scenario.truthTopic()) {
            emit(d, "truth", ("{" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8), tMs, false);
        }
    }

    void emit(SimDevice d, String stream, byte[] payload, long tMs, boolean retained) {
        if (!d.linkUp) {
            stats.droppedOffline++;
            return;
        }
        stats.messages++;
        stats.bytes += payload.length;
        sink.publish(d.info, stream, payload, epochMs(tMs), retained);
    }

    void connect(SimDevice d, long tMs) {
        d.lastBatteryPct = d.batteryPct();
        sink.connect(d.info, d.status(true), d.status(false));
        stats.online++;
        stats.messages++;
        if (d.form.gatt() && !d.info.stimulator()) {
            emit(d, "gatt/2a19", new byte[] {(byte) d.lastBatteryPct}, tMs, false);
        }
    }

    void disconnect(SimDevice d, boolean graceful) {
        sink.disconnect(d.info, d.status(false), graceful);
        stats.online--;
    }
}
