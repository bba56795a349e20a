package org.equilibrium.session.live;

import java.util.Locale;

/** How fresh a session's heart-rate stream is at a tick: beats within 5 s, none for 5 s, none for 30 s. */
public enum Connection {
    LIVE, STALE, LOST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state {@code sinceLastBeatMs} after the last beat (or the session start, before any beat). */
    public static Connection after(long sinceLastBeatMs, long staleAfterMs, long lostAfterMs) {
        if (sinceLastBeatMs >= lostAfterMs) {
            return LOST;
        }
        return sinceLastBeatMs >= staleAfterMs ? STALE : LIVE;
    }
}
