package org.equilibrium.session;

import java.util.Locale;

/** Treatments a therapist can combine in one session; a session carries a set of them. */
public enum Modality {
    ACUPUNCTURE, MASSAGE, TENS,
    /** Microcurrent electrical therapy (MET). */
    MICROCURRENT,
    MINDFULNESS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
