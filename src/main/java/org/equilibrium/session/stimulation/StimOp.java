package org.equilibrium.session.stimulation;

import java.util.Locale;
import java.util.Optional;

/** The {@code op} of a contract {@code cmd} (shared/contracts/mqtt-wire.md). */
public enum StimOp {
    START, STOP, SET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The op named {@code s} (wire name, any case), or empty. */
    public static Optional<StimOp> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (StimOp op : values()) {
            if (op.wireName().equalsIgnoreCase(s.strip())) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
