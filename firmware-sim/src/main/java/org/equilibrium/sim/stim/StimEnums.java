package org.equilibrium.sim.stim;

/** Namespace for the stimulator's small enumerations; codes are those of sim-tens-telemetry-v1. */
public final class StimEnums {
    private StimEnums() {
    }

    public enum Modality {
        TENS("tens", 0), MICROCURRENT("microcurrent", 1);

        public final String wire;
        public final int code;

        Modality(String wire, int code) {
            this.wire = wire;
            this.code = code;
        }
    }

    public enum State {
        STOPPED("stopped", 0), RAMPING("ramping", 1), RUNNING("running", 2), PAUSED("paused", 3), FAULT("fault", 4);

        public final String wire;
        public final int code;

        State(String wire, int code) {
            this.wire = wire;
            this.code = code;
        }
    }

    public enum Program {
        CONVENTIONAL("conventional", 0), BURST("burst", 1), MODULATED("modulated", 2);

        public final String wire;
        public final int code;

        Program(String wire, int code) {
            this.wire = wire;
            this.code = code;
        }

        public static java.util.Optional<Program> byWire(String name) {
            for (Program p : values()) {
                if (p.wire.equals(name)) {
                    return java.util.Optional.of(p);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public enum Fault {
        NONE("none", 0), LEAD_OFF("lead-off", 1), OVER_CURRENT("over-current", 2), BATTERY_LOW("battery-low", 3),
        HARDWARE("hardware", 4);

        public final String wire;
        public final int code;

        Fault(String wire, int code) {
            this.wire = wire;
            this.code = code;
        }

        public static java.util.Optional<Fault> byWire(String name) {
            for (Fault f : values()) {
                if (f.wire.equals(name)) {
                    return java.util.Optional.of(f);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
