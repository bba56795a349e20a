package org.equilibrium.session;

import java.util.Locale;

/** Where the session takes place. */
public enum CareContext {
    CLINIC, HOME;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
