package org.equilibrium.sim.engine;

/**
 * Claim codes as printed on a unit's label: eight characters in two groups ({@code K7Q2-9XWM}) from
 * an alphabet without look-alikes (no 0/O, 1/I/L, U). Derived from the scenario seed and the device id,
 * so a device keeps its code from run to run.
 */
public final class ClaimCodes {
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private ClaimCodes() {
    }

    public static String of(long seed, String deviceId) {
        long h = Seeds.mix(seed, Seeds.hash(deviceId), 0xC1A1L);
        StringBuilder sb = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt((int) Long.remainderUnsigned(h, ALPHABET.length())));
            h = Long.divideUnsigned(h, ALPHABET.length());
        }
        return sb.toString();
    }
}
