package org.equilibrium.sim.wire;

import java.util.Locale;

/**
 * Minimal JSON text helpers for the firmware's own messages. The simulator writes its JSON by
 * hand: the messages are small and fixed in shape, and at 10,000 devices a general serializer's
 * reflection and number formatting would dominate the CPU cost. The service's CLI JSON writer escapes its
 * strings here too (the simulator depends on no service package, so the shared escaping lives on this side).
 */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code "text"} with JSON escapes. */
    public static StringBuilder string(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** Appends {@code value} rounded to {@code decimals} (0–6) places, without exponent notation. */
    public static StringBuilder fixed(StringBuilder sb, double value, int decimals) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a JSON number: " + value);
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long v = Math.round(Math.abs(value) * scale);
        if (value < 0 && v != 0) {
            sb.append('-');
        }
        sb.append(v / scale);
        if (decimals > 0) {
            sb.append('.');
            String frac = Long.toString(v % scale);
            for (int i = frac.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb;
    }
}
