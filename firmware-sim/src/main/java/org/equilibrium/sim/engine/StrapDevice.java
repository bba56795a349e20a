package org.equilibrium.sim.engine;

import java.util.List;
import org.equilibrium.sim.heart.HeartModel;
import org.equilibrium.sim.heart.PatientParameters;
import org.equilibrium.sim.scenario.Scenario.FaultSpec;
import org.equilibrium.sim.scenario.Scenario.FaultType;
import org.equilibrium.sim.scenario.Scenario.Phase;
import org.equilibrium.sim.scenario.Scenario.TransportForm;
import org.equilibrium.sim.scenario.Timeline;
import org.equilibrium.sim.strap.HeartRateMeasurementEncoder;
import org.equilibrium.sim.strap.HrJsonEncoder;
import org.equilibrium.sim.strap.HrNotification;
import org.equilibrium.sim.strap.StrapFirmware;
import org.equilibrium.sim.strap.StrapProfile;
import org.equilibrium.sim.wire.JsonText;

/** A chest strap on a simulated patient: heart model + strap firmware + the device's MQTT forms. */
final class StrapDevice extends SimDevice {
    private static final long TRUTH_PERIOD_MS = 1000;

    private final HeartModel heart;
    private final StrapFirmware strap;
    private final Timeline timeline;
    private long nextTruthMs;

    StrapDevice(Simulation sim, DeviceInfo info, TransportForm form, List<FaultSpec> faults, StrapProfile profile,
            PatientParameters patient, long heartSeed, long deviceSeed, double batteryPct, Timeline timeline) {
        super(sim, info, form, faults, List.of());
        this.timeline = timeline;
        // The first beat lands somewhere in the first second, as when a strap is put on mid-cycle.
        double firstBeatMs = -1000 * ((heartSeed >>> 11) * 0x1.0p-53);
        this.heart = new HeartModel(patient, heartSeed, timeline.driveAt(0), firstBeatMs);
        this.strap = new StrapFirmware(profile, () -> heart.nextBeat(timeline.driveAt(heart.timeMs())), deviceSeed,
                batteryPct, 0);
    }

    @Override
    void run(long tMs) {
        // Truth and notifications interleave by virtual time, independent of the run's tick.
        while (nextTruthMs <= tMs) {
            strap.advanceTo(nextTruthMs, this::notification);
            truth(nextTruthMs);
            nextTruthMs += TRUTH_PERIOD_MS;
        }
        strap.advanceTo(tMs, this::notification);
        checkBattery(tMs);
    }

    private void notification(HrNotification n) {
        long epoch = sim.epochMs(n.tMs());
        if (form.json()) {
            sim.emit(this, "hr", HrJsonEncoder.encode(n, epoch), n.tMs(), false);
        }
        if (form.gatt()) {
            sim.emit(this, "gatt/2a37", HeartRateMeasurementEncoder.encode(n), n.tMs(), false);
        }
    }

    private void truth(long tMs) {
        if (!sim.wantsTruth()) {
            return;
        }
        Phase phase = timeline.phaseAt(tMs);
        StringBuilder sb = new StringBuilder(200).append("\"ts\":").append(sim.epochMs(tMs)).append(",\"phase\":");
        JsonText.string(sb, phase.name()).append(",\"balance\":");
        JsonText.fixed(sb, heart.balance(), 3).append(",\"balance_target\":");
        JsonText.fixed(sb, phase.balance(), 3).append(",\"breathing_per_min\":");
        JsonText.fixed(sb, heart.breathingPerMin(), 2).append(",\"paced\":").append(phase.paced())
                .append(",\"hr_bpm\":");
        JsonText.fixed(sb, heart.meanHrBpm(), 1).append(",\"contact\":").append(strap.contact()).append(",\"faults\":[");
        List<String> active = activeFaultNames(tMs);
        for (int i = 0; i < active.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonText.string(sb, active.get(i));
        }
        sb.append("]}");
        sim.truth(this, sb.toString(), tMs);
    }

    @Override
    void applyFaults(long tMs) {
        heart.setEctopicProbability(rate(FaultType.ECTOPIC, tMs));
        strap.setMissedBeatProbability(rate(FaultType.MISSED_BEATS, tMs));
        strap.setExtraBeatProbability(rate(FaultType.EXTRA_BEATS, tMs));
        strap.setLostNotificationProbability(rate(FaultType.LOST_NOTIFICATIONS, tMs));
        strap.setContact(!active(FaultType.CONTACT_LOSS, tMs));
        applyLink(tMs);
    }

    @Override
    void onReconnect(long tMs) {
        strap.connected(tMs);
    }

    @Override
    int batteryPct() {
        return (int) Math.ceil(strap.batteryPct());
    }
}
