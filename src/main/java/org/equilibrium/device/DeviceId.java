package org.equilibrium.device;

import java.util.regex.Pattern;

/**
 * A device's identity on the wire: 1–64 characters of {@code A-Za-z0-9._-}
 * (shared/contracts/mqtt-wire.md, "Topics").
 */
public record DeviceId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public DeviceId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("device id must be 1-64 characters of A-Za-z0-9._- but was "
                    + (value == null ? "null" : "'" + abbreviate(value) + "'"));
        }
    }

    /** True when {@code candidate} has the contract's device-id form. */
    public static boolean isValid(String candidate) {
        return candidate != null && FORM.matcher(candidate).matches();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
