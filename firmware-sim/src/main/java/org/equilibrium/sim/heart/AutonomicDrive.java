package org.equilibrium.sim.heart;

/**
 * What a scenario phase asks of a simulated person at one moment: the targets the heart model's
 * slow state moves towards.
 *
 * @param balance          autonomic balance, −1 fully sympathetic … +1 fully parasympathetic
 * @param breathingPerMin  breathing rate target, breaths per minute
 * @param paced            true when breathing follows a pacer (little breath-to-breath variability)
 * @param hrShiftBpm       extra heart-rate shift of the phase on top of what the balance implies (e.g. stress)
 */
public record AutonomicDrive(double balance, double breathingPerMin, boolean paced, double hrShiftBpm) {
    public AutonomicDrive {
        if (!(balance >= -1 && balance <= 1)) {
            throw new IllegalArgumentException("balance must be in [-1, 1], got " + balance);
        }
        if (!(breathingPerMin >= 2 && breathingPerMin <= 60)) {
            throw new IllegalArgumentException("breathingPerMin must be in [2, 60], got " + breathingPerMin);
        }
        if (!Double.isFinite(hrShiftBpm) || Math.abs(hrShiftBpm) > 80) {
            throw new IllegalArgumentException("hrShiftBpm must be within ±80, got " + hrShiftBpm);
        }
    }

    public static AutonomicDrive rest() {
        return new AutonomicDrive(0, 14, false, 0);
    }
}
