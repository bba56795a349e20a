package org.equilibrium.session.autonomic;

import java.util.Locale;

/** Why a window can (ok) or cannot carry a label, most specific cause first when several apply. */
public enum QualityFlag {
    OK, NO_CONTACT, WARMING_UP, TOO_MANY_ARTEFACTS, LOW_COVERAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
