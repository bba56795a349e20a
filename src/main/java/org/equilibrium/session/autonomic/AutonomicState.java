package org.equilibrium.session.autonomic;

import java.util.Locale;

/** The label of an estimate. {@code UNKNOWN} is used for every window whose quality is not ok. */
public enum AutonomicState {
    SYMPATHETIC, BALANCED, PARASYMPATHETIC, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
