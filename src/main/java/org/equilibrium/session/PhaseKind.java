package org.equilibrium.session;

import java.util.Locale;

/** The phases of a session, in their only allowed order. */
public enum PhaseKind {
    BASELINE, PRACTICE, RECOVERY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
