package org.equilibrium.sim.scenario;

import java.util.List;
import org.equilibrium.sim.heart.AutonomicDrive;
import org.equilibrium.sim.scenario.Scenario.Phase;

/**
 * The phase timeline of one patient: which phase, and so which autonomic drive, holds at a virtual
 * time. A patient's clock may be offset (staggered starts in a clinic) and the phases may loop.
 */
public final class Timeline {
    private final List<Phase> phases;
    private final long[] endsMs;
    private final long totalMs;
    private final boolean loop;
    private final long offsetMs;

    public Timeline(List<Phase> phases, boolean loop, long offsetMs) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a timeline needs at least one phase");
        }
        this.phases = List.copyOf(phases);
        this.endsMs = new long[phases.size()];
        long acc = 0;
        for (int i = 0; i < phases.size(); i++) {
            acc += phases.get(i).durationS() * 1000L;
            endsMs[i] = acc;
        }
        this.totalMs = acc;
        this.loop = loop;
        this.offsetMs = offsetMs;
    }

    public Phase phaseAt(double tMs) {
        double local = tMs + offsetMs;
        if (loop) {
            local = local % totalMs;
        }
        for (int i = 0; i < endsMs.length; i++) {
            if (local < endsMs[i]) {
                return phases.get(i);
            }
        }
        return phases.get(phases.size() - 1);
    }

    public AutonomicDrive driveAt(double tMs) {
        Phase p = phaseAt(tMs);
        return drive(p);
    }

    public static AutonomicDrive drive(Phase p) {
        return new AutonomicDrive(p.balance(), p.breathingPerMin(), p.paced(), p.hrShiftBpm());
    }
}
