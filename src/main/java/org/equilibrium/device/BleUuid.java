package org.equilibrium.device;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Bluetooth attribute UUID in canonical form: 128-bit, lower-case, dashed. A 16-bit (or 32-bit) UUID
 * such as {@code 2a37} names the same attribute as its Bluetooth-base form
 * {@code 00002a37-0000-1000-8000-00805f9b34fb} (Bluetooth Core Specification 5.x, Vol 3, Part B, §2.5.1),
 * so both parse to the same value and compare equal.
 *
 * @param value canonical 128-bit form, e.g. {@code 0000180d-0000-1000-8000-00805f9b34fb}
 */
public record BleUuid(String value) {

    private static final String BASE_SUFFIX = "-0000-1000-8000-00805f9b34fb";
    private static final Pattern SHORT = Pattern.compile("(0[xX])?([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})");
    private static final Pattern FULL = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public BleUuid {
        if (value == null || !CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a canonical 128-bit UUID: " + value);
        }
    }

    /**
     * Parses {@code 2a37}, {@code 0x2A37}, a 32-bit {@code 0000180d} or a dashed 128-bit UUID, any case.
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
     */
    public static BleUuid parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is not a Bluetooth UUID (expected 4 or 8 hex digits, optionally 0x-prefixed, or the dashed"
                + " 128-bit form)"));
    }

    /** As {@link #parse} but empty instead of throwing. */
    public static Optional<BleUuid> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        var m = SHORT.matcher(t);
        if (m.matches()) {
            String hex = m.group(2).toLowerCase(Locale.ROOT);
            String head = hex.length() == 4 ? "0000" + hex : hex;
            return Optional.of(new BleUuid(head + BASE_SUFFIX));
        }
        if (FULL.matcher(t).matches()) {
            return Optional.of(new BleUuid(t.toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** The 16-bit short form ({@code 2a37}) when this UUID is on the Bluetooth base and fits 16 bits. */
    public Optional<String> shortForm() {
        if (value.endsWith(BASE_SUFFIX) && value.startsWith("0000")) {
            return Optional.of(value.substring(4, 8));
        }
        return Optional.empty();
    }

    /** The short form when there is one, else the 128-bit form: what a topic like {@code gatt/2a37} uses. */
    public String compact() {
        return shortForm().orElse(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
