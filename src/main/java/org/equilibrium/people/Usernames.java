package org.equilibrium.people;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Username rules. Usernames are stored and compared in one normal form (trimmed, lower case),
 * which is what makes them case-insensitive and unique through a plain UNIQUE constraint.
 */
public final class Usernames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private Usernames() {
    }

    /** The stored form of a username, or null for null. Does not validate. */
    public static String normalise(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises and validates a new username.
     *
     * @throws InvalidInputException when it is missing or not 3–64 of {@code a-z 0-9 . _ -}
     */
    public static String validNew(String username) {
        String normal = normalise(username);
        if (normal == null || normal.isEmpty()) {
            throw new InvalidInputException("username", "is required");
        }
        if (!ALLOWED.matcher(normal).matches()) {
            throw new InvalidInputException("username",
                    "must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return normal;
    }

    /**
     * A username as it may appear in a log line: control characters removed (no forged log
     * lines) and cut to 64 characters (a password pasted into the username field stays short).
     */
    public static String forLog(String username) {
        if (username == null) {
            return "<none>";
        }
        String clean = username.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
