package org.equilibrium.sim.engine;

import java.nio.charset.StandardCharsets;

/** Derives independent, stable seeds from the scenario seed and names (SplitMix64 finaliser). */
public final class Seeds {
    private Seeds() {
    }

    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = splitmix(h ^ p);
        }
        return h;
    }

    /** A 64-bit FNV-1a hash of a name (stable across JVMs, unlike identity hashes). */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
