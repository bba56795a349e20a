package org.equilibrium.session;

/** A timestamped note in a session ("started body scan", "reports pain 4/10"). */
public record Marker(long atMs, String text) {
    public static final int MAX_TEXT_CHARS = 500;

    public Marker {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("marker text must not be blank");
        }
        text = text.strip();
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("marker text must be at most " + MAX_TEXT_CHARS + " characters, got "
                    + text.length());
        }
    }
}
