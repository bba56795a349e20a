package org.equilibrium.sim.scenario;

import java.util.List;

/**
 * A scenario as validated data: who is simulated, what their autonomic state does over time, what
 * the stimulators are told, and which faults happen when.
 *
 * @param name         scenario name
 * @param description  one line for {@code sim list}
 * @param seed         seeds every random choice of the run
 * @param durationS    run length in virtual seconds
 * @param loopPhases   phases repeat after the last one (else the last phase holds)
 * @param staggerS     each device starts its phase timeline at a seeded offset in [0, staggerS)
 * @param truthTopic   publish ground truth on {@code biofeedback/v1/{deviceId}/truth}
 * @param devices      device entries (before expansion into instances)
 * @param phases       autonomic phases in order
 * @param stimulation  commands to stimulators at given times
 * @param faults       timed faults
 */
public record Scenario(String name, String description, long seed, int durationS, boolean loopPhases, int staggerS,
        boolean truthTopic, List<DeviceSpec> devices, List<Phase> phases, List<StimEvent> stimulation,
        List<FaultSpec> faults) {

    public Scenario {
        devices = List.copyOf(devices);
        phases = List.copyOf(phases);
        stimulation = List.copyOf(stimulation);
        faults = List.copyOf(faults);
    }

    public int deviceCount() {
        return devices.stream().mapToInt(DeviceSpec::count).sum();
    }

    public int phasesDurationS() {
        return phases.stream().mapToInt(Phase::durationS).sum();
    }

    public Scenario withSeed(long s) {
        return new Scenario(name, description, s, durationS, loopPhases, staggerS, truthTopic, devices, phases,
                stimulation, faults);
    }

    public Scenario withDurationS(int d) {
        return new Scenario(name, description, seed, d, loopPhases, staggerS, truthTopic, devices, phases, stimulation,
                faults);
    }

    public Scenario withTruthTopic(boolean on) {
        return new Scenario(name, description, seed, durationS, loopPhases, staggerS, on, devices, phases, stimulation,
                faults);
    }

    /**
     * Scales the device entries to {@code total} instances in proportion to their counts (largest
     * remainder), so a strap-plus-TENS pair stays a pair per patient.
     */
    public Scenario withDeviceTotal(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("--devices must be >= 1, got " + total);
        }
        int base = deviceCount();
        int[] counts = new int[devices.size()];
        double[] rem = new double[devices.size()];
        int assigned = 0;
        for (int i = 0; i < counts.length; i++) {
            double exact = (double) total * devices.get(i).count() / base;
            counts[i] = (int) Math.floor(exact);
            rem[i] = exact - counts[i];
            assigned += counts[i];
        }
        while (assigned < total) {
            int best = 0;
            for (int i = 1; i < rem.length; i++) {
                if (rem[i] > rem[best]) {
                    best = i;
                }
            }
            counts[best]++;
            rem[best] = -1;
            assigned++;
        }
        List<DeviceSpec> scaled = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                scaled.add(devices.get(i).withCount(counts[i]));
            }
        }
        return new Scenario(name, description, seed, durationS, loopPhases, staggerS, truthTopic, scaled, phases,
                stimulation, faults);
    }

    /** Device transport forms over MQTT. */
    public enum TransportForm {
        MQTT_JSON("mqtt-json"), MQTT_GATT("mqtt-gatt"), BOTH("both");

        public final String wire;

        TransportForm(String wire) {
            this.wire = wire;
        }

        public boolean json() {
            return this != MQTT_GATT;
        }

        public boolean gatt() {
            return this != MQTT_JSON;
        }
    }

    /**
     * A device entry.
     *
     * @param id                     device id; with {@code count > 1} instances get {@code id-00001}…
     * @param profile                profile id (strap or stimulator)
     * @param patient                patient label (same label, same heart); suffixed like the id
     * @param transport              MQTT form
     * @param count                  instances of this entry
     * @param batteryPct             starting battery, NaN for a seeded 55–100 %
     * @param batteryDrainPctPerHour battery drain override, NaN for the profile's
     * @param line                   line in the scenario file (for messages)
     */
    public record DeviceSpec(String id, String profile, String patient, TransportForm transport, int count,
            double batteryPct, double batteryDrainPctPerHour, int line) {
        public DeviceSpec withCount(int n) {
            return new DeviceSpec(id, profile, patient, transport, n, batteryPct, batteryDrainPctPerHour, line);
        }
    }

    /**
     * A phase of the autonomic timeline.
     *
     * @param name            e.g. baseline, paced-breathing, body-scan, stress, recovery
     * @param durationS       length
     * @param balance         balance target (−1 sympathetic … +1 parasympathetic)
     * @param breathingPerMin breathing rate target
     * @param paced           breathing follows a pacer
     * @param hrShiftBpm      extra heart-rate shift
     */
    public record Phase(String name, int durationS, double balance, double breathingPerMin, boolean paced,
            double hrShiftBpm) {
    }

    /**
     * A command sent to a stimulator entry's instances at a time (as a clinician or the service would).
     *
     * @param atS      virtual time
     * @param device   device entry id
     * @param op       start, stop, set, pause
     * @param program  program name or null
     * @param frequencyHz   NaN when not given
     * @param pulseWidthUs  NaN when not given
     * @param currentUa     NaN when not given
     * @param durationS     NaN when not given
     */
    public record StimEvent(int atS, String device, String op, String program, double frequencyHz,
            double pulseWidthUs, double currentUa, double durationS) {
    }

    /** Fault kinds a scenario can inject. */
    public enum FaultType {
        DISCONNECT("disconnect"), BROKER_OUTAGE("broker-outage"), ECTOPIC("ectopic"), MISSED_BEATS("missed-beats"),
        EXTRA_BEATS("extra-beats"), LOST_NOTIFICATIONS("lost-notifications"), CONTACT_LOSS("contact-loss"),
        ELECTRODE_PEEL_OFF("electrode-peel-off"), STIM_FAULT("stim-fault");

        public final String wire;

        FaultType(String wire) {
            this.wire = wire;
        }

        public boolean needsRate() {
            return this == ECTOPIC || this == MISSED_BEATS || this == EXTRA_BEATS || this == LOST_NOTIFICATIONS;
        }

        public boolean forStraps() {
            return needsRate() || this == CONTACT_LOSS;
        }

        public boolean forStimulators() {
            return this == ELECTRODE_PEEL_OFF || this == STIM_FAULT;
        }
    }

    /**
     * A timed fault.
     *
     * @param type      what happens
     * @param atS       start (virtual seconds)
     * @param durationS how long (a stim-fault stays latched until a stop command; its duration is ignored)
     * @param device    device entry id, or null for every device the fault applies to
     * @param rate      per-beat / per-notification probability for the rate faults
     * @param fraction  share of the targeted instances affected (seeded choice), 1 = all
     * @param code      stim-fault code: over-current or hardware
     */
    public record FaultSpec(FaultType type, int atS, int durationS, String device, double rate, double fraction,
            String code) {
        public boolean activeAt(long tMs) {
            return tMs >= atS * 1000L && tMs < (long) (atS + durationS) * 1000L;
        }
    }
}
