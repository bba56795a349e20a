package org.equilibrium.device;

/**
 * A device's identity on the wire: 1–64 characters of {@code A-Za-z0-9._-}
 * (shared/contracts/mqtt-wire.md, "Topics").
 */
public record DeviceId(String value) {
    public DeviceId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("device id must be 1-64 characters of A-Za-z0-9._- but was "
                    + (value == null ? "null" : "'" + abbreviate(value) + "'"));
        }
    }

    /**
     * True when {@code candidate} has the contract's device-id form, {@code [A-Za-z0-9._-]{1,64}}. Checked for
     * every ingested message (twice: topic and sample), so a loop instead of a regular expression.
     */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 64) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
