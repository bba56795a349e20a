package org.equilibrium.sim.ble;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.Runner;
import org.equilibrium.sim.engine.Simulation;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.Scenario.DeviceSpec;
import org.equilibrium.sim.scenario.Scenario.TransportForm;

/**
 * A scenario played over Bluetooth LE: a private bus (or a given one), a {@link FakeBluez} on it whose
 * peripherals are the scenario's devices ({@link BleSink}), and the simulation running in real time (or
 * faster) on a thread of its own. The same engine and scenarios as the MQTT path; every device takes its GATT
 * form. BlueZ can be made to vanish and come back ({@link #vanish}, {@link #comeBack}) at the same address.
 */
public final class BleSim implements AutoCloseable {
    private final Path busDir;
    private PrivateBus bus;
    private final String givenAddress;
    private volatile FakeBluez bluez;
    private final BleSink sink;
    private final Simulation sim;
    private final Thread runner;
    private volatile boolean stop;
    private volatile FakeBluez.NotificationListener notifications = (a, c, v) -> { };
    private volatile java.util.function.Consumer<ReceivedWrite> writeLog = w -> { };

    private BleSim(Path busDir, String givenAddress, Scenario scenario, long startEpochMs, double speed) {
        this.busDir = busDir;
        this.givenAddress = givenAddress;
        String address = givenAddress;
        if (address == null) {
            bus = PrivateBus.start(busDir);
            address = bus.stableAddress();
        }
        this.bluez = FakeBluez.start(address);
        wire(bluez);
        this.sink = new BleSink(bluez);
        this.sim = new Simulation(gattForm(scenario), startEpochMs, sink, null);
        BooleanSupplier stopped = () -> stop;
        this.runner = new Thread(() -> Runner.run(sim, speed, (s, w, d) -> { }, stopped), "ble-sim");
        runner.setDaemon(true);
    }

    /**
     * Starts a private bus in {@code busDir} (when {@code busAddress} is null) or joins the bus at
     * {@code busAddress}, then the fake BlueZ and the simulation.
     */
    public static BleSim start(Scenario scenario, long startEpochMs, double speed, Path busDir, String busAddress) {
        BleSim s = new BleSim(busDir, busAddress, scenario, startEpochMs, speed);
        s.runner.start();
        return s;
    }

    /** Every device of the scenario in its GATT form (raw 0x2A37, 0x2A19, sim-tens telemetry). */
    public static Scenario gattForm(Scenario s) {
        List<DeviceSpec> devices = s.devices().stream().map(d -> new DeviceSpec(d.id(), d.profile(), d.patient(),
                TransportForm.MQTT_GATT, d.count(), d.batteryPct(), d.batteryDrainPctPerHour(), d.line())).toList();
        return new Scenario(s.name(), s.description(), s.seed(), s.durationS(), s.loopPhases(), s.staggerS(), false,
                devices, s.phases(), s.stimulation(), s.faults());
    }

    private void wire(FakeBluez b) {
        b.setNotificationListener((a, c, v) -> notifications.notified(a, c, v));
        b.setWriteLog(w -> writeLog.accept(w));
    }

    public void setNotificationListener(FakeBluez.NotificationListener l) {
        this.notifications = l;
    }

    public void setWriteLog(java.util.function.Consumer<ReceivedWrite> log) {
        this.writeLog = log;
    }

    /** The address to export as {@code DBUS_SYSTEM_BUS_ADDRESS} (no guid, so it survives a bus restart). */
    public String busAddress() {
        return givenAddress != null ? givenAddress : bus.stableAddress();
    }

    public Long busPid() {
        return bus == null ? null : bus.pid();
    }

    public FakeBluez bluez() {
        return bluez;
    }

    public List<DeviceInfo> devices() {
        return sim.devices();
    }

    /** Every write received by any incarnation of the fake BlueZ is in the current one's log too. */
    public List<ReceivedWrite> receivedWrites() {
        return bluez.receivedWrites();
    }

    /** BlueZ restarts on a bus that stays up: org.bluez loses its owner, then a new one takes it. */
    public synchronized void restartBluezOnly() {
        bluez.close();
        comeBack();
    }

    /** BlueZ vanishes: its D-Bus connection closes and, when the bus is ours, the bus daemon stops. */
    public synchronized void vanish() {
        bluez.close();
        if (bus != null) {
            bus.close();
        }
    }

    /** BlueZ comes back at the same address, with the same peripherals (nothing connected). */
    public synchronized void comeBack() {
        if (bus != null && !bus.isAlive()) {
            bus = PrivateBus.start(busDir);
        }
        FakeBluez next = FakeBluez.start(busAddress());
        List<ReceivedWrite> before = bluez.receivedWrites();
        next.carryWrites(before);
        wire(next);
        sink.attach(next);
        bluez = next;
    }

    @Override
    public synchronized void close() {
        stop = true;
        try {
            runner.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bluez.close();
        if (bus != null) {
            bus.close();
        }
    }
}
