package org.equilibrium.sim.stim;

import java.util.List;
import java.util.Optional;
import org.equilibrium.sim.stim.StimEnums.Modality;

/**
 * A stimulator's hardware: what it can deliver and how it behaves. The firmware enforces these
 * limits itself, whatever the service already checked.
 *
 * @param id                 profile id ({@code status.model})
 * @param firmware           firmware version string
 * @param modality           TENS (mA range) or microcurrent (µA range)
 * @param maxCurrentUa       highest amplitude the output stage delivers
 * @param minFrequencyHz     lowest pulse frequency
 * @param maxFrequencyHz     highest pulse frequency
 * @param minPulseWidthUs    shortest pulse; 0 with {@code maxPulseWidthUs} 0 when not settable
 * @param maxPulseWidthUs    longest pulse
 * @param rampUpUaPerS       amplitude rise rate (soft start)
 * @param rampDownUaPerS     amplitude fall rate on stop or pause
 * @param leadOffOhm         impedance above which the electrodes count as off
 * @param typicalImpedanceOhm electrode–skin impedance of well-applied electrodes
 * @param maxSessionS        longest session timer
 * @param defaultSessionS    session timer when a start names none
 * @param telemetryPeriodMs  telemetry interval (lead-off must stop output within one)
 * @param idleDrainPctPerHour battery drain when idle
 * @param fullOutputDrainPctPerHour extra drain at full output
 */
public record StimulatorModel(String id, String firmware, Modality modality, long maxCurrentUa, double minFrequencyHz,
        double maxFrequencyHz, int minPulseWidthUs, int maxPulseWidthUs, long rampUpUaPerS, long rampDownUaPerS,
        double leadOffOhm, double typicalImpedanceOhm, int maxSessionS, int defaultSessionS, long telemetryPeriodMs,
        double idleDrainPctPerHour, double fullOutputDrainPctPerHour) {

    /** The simulator's TENS: 0–80 mA, 1–150 Hz, 50–400 µs, 2 mA/s soft start. */
    public static final StimulatorModel SIM_TENS = new StimulatorModel("equilibrium-sim-tens", "2.3.1", Modality.TENS,
            80_000, 1, 150, 50, 400, 2_000, 8_000, 10_000, 1_500, 7_200, 1_800, 1_000, 1, 25);

    /**
     * The simulator's microcurrent unit: 0–1000 µA, 0.5–500 Hz bipolar square wave at 50 % duty (so
     * the pulse width follows the frequency and is not settable), 100 µA/s soft start. Its electrodes
     * (probes, ear clips) work at higher impedance, hence the higher lead-off threshold.
     */
    public static final StimulatorModel SIM_MICROCURRENT = new StimulatorModel("equilibrium-sim-microcurrent", "1.1.0",
            Modality.MICROCURRENT, 1_000, 0.5, 500, 0, 0, 100, 400, 100_000, 8_000, 3_600, 1_200, 1_000, 0.5, 2);

    public static List<StimulatorModel> all() {
        return List.of(SIM_TENS, SIM_MICROCURRENT);
    }

    public static Optional<StimulatorModel> byId(String id) {
        return all().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public boolean pulseWidthSettable() {
        return maxPulseWidthUs > 0;
    }
}
