package org.equilibrium.sim.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.equilibrium.sim.scenario.Scenario.FaultSpec;
import org.equilibrium.sim.scenario.Scenario.FaultType;
import org.equilibrium.sim.scenario.Scenario.TransportForm;
import org.equilibrium.sim.wire.JsonText;

/**
 * Runtime of one simulated device: its firmware model, its transport form and the faults that hit
 * it. Advancing splits at fault edges so faults start and end at their exact virtual times whatever
 * the tick of the run.
 */
abstract class SimDevice {
    final DeviceInfo info;
    final TransportForm form;
    final List<FaultSpec> faults;
    private final long[] edgesMs;
    private int nextEdge;
    final Simulation sim;
    boolean linkUp = true;
    private final boolean[] wasActive;
    int lastBatteryPct = -1;

    SimDevice(Simulation sim, DeviceInfo info, TransportForm form, List<FaultSpec> faults, List<Long> extraEdgesMs) {
        this.sim = sim;
        this.info = info;
        this.form = form;
        this.faults = List.copyOf(faults);
        TreeSet<Long> edges = new TreeSet<>(extraEdgesMs);
        for (FaultSpec f : faults) {
            edges.add(f.atS() * 1000L);
            edges.add((long) (f.atS() + f.durationS()) * 1000L);
        }
        this.edgesMs = edges.stream().mapToLong(Long::longValue).toArray();
        this.wasActive = new boolean[faults.size()];
    }

    /** Runs the device up to {@code tMs}, applying fault and timeline edges on the way. */
    final void advanceTo(long tMs) {
        while (nextEdge < edgesMs.length && edgesMs[nextEdge] <= tMs) {
            long edge = edgesMs[nextEdge++];
            run(edge);
            for (int i = 0; i < faults.size(); i++) {
                boolean active = faults.get(i).activeAt(edge);
                if (active && !wasActive[i]) {
                    sim.stats.faultsInjected++;
                }
                wasActive[i] = active;
            }
            applyFaults(edge);
            onEdge(edge);
        }
        run(tMs);
    }

    abstract void run(long tMs);

    abstract void applyFaults(long tMs);

    /** Timeline edges that are not faults (scheduled commands). */
    void onEdge(long tMs) {
    }

    abstract int batteryPct();

    boolean active(FaultType type, long tMs) {
        for (FaultSpec f : faults) {
            if (f.type() == type && f.activeAt(tMs)) {
                return true;
            }
        }
        return false;
    }

    double rate(FaultType type, long tMs) {
        double r = 0;
        for (FaultSpec f : faults) {
            if (f.type() == type && f.activeAt(tMs)) {
                r = Math.max(r, f.rate());
            }
        }
        return r;
    }

    List<String> activeFaultNames(long tMs) {
        List<String> out = new ArrayList<>(2);
        for (FaultSpec f : faults) {
            if (f.activeAt(tMs)) {
                out.add(f.type().wire);
            }
        }
        return out;
    }

    /** Link state from disconnect / broker-outage faults; edges publish status and reconnect. */
    void applyLink(long tMs) {
        boolean up = !active(FaultType.DISCONNECT, tMs) && !active(FaultType.BROKER_OUTAGE, tMs);
        if (up != linkUp) {
            linkUp = up;
            if (up) {
                sim.connect(this, tMs);
                onReconnect(tMs);
            } else {
                sim.disconnect(this, false);
            }
        }
    }

    void onReconnect(long tMs) {
    }

    byte[] status(boolean online) {
        StringBuilder sb = new StringBuilder(128).append("{\"online\":").append(online).append(",\"model\":");
        JsonText.string(sb, info.profile()).append(",\"fw\":");
        JsonText.string(sb, info.firmware());
        int b = batteryPct();
        if (b >= 0) {
            sb.append(",\"battery_pct\":").append(b);
        }
        sb.append(",\"claim_code\":");
        JsonText.string(sb, info.claimCode()).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Republishes the retained status (and battery characteristic) when the battery % changes. */
    void checkBattery(long tMs) {
        int b = batteryPct();
        if (b != lastBatteryPct) {
            lastBatteryPct = b;
            sim.emit(this, "status", status(true), tMs, true);
            if (form.gatt()) {
                sim.emit(this, "gatt/2a19", new byte[] {(byte) b}, tMs, false);
            }
        }
    }
}
