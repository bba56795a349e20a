package org.equilibrium.session;

import java.util.Locale;

/**
 * A self-reported rating on a 0–10 numeric rating scale (0 = none / not calm at all, 10 = worst pain /
 * completely calm), taken at the start or the end of a session.
 */
public record Rating(Scale scale, Moment moment, int value, long atMs) {
    public static final int MIN = 0;
    public static final int MAX = 10;

    public enum Scale {
        PAIN, CALM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Moment {
        START, END;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Rating {
        if (scale == null || moment == null) {
            throw new IllegalArgumentException("rating scale and moment are required");
        }
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException(scale.wireName() + " rating must be an integer in [" + MIN + ", " + MAX
                    + "], got " + value);
        }
    }
}
