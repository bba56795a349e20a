package org.equilibrium.people;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashing (RFC 9106) with the OWASP Password Storage Cheat Sheet's first
 * recommended setting: m = 19 MiB, t = 2, p = 1, a 16-byte random salt and a 32-byte tag.
 *
 * <p>Hashes are stored in the PHC string format used by the reference implementation
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded standard Base64), so the
 * parameters travel with each hash: {@link #verify} reads them back from the string and
 * {@link #needsRehash} tells when a stored hash is weaker than today's setting.
 *
 * <p>Pure and thread-safe. Each call costs about 19 MiB and tens of milliseconds of one core on
 * purpose; callers must not run it on an event-loop thread. At most one computation per core runs
 * at a time (the others wait), so a burst of logins cannot take 19 MiB × N of heap.
 */
public final class PasswordHasher {
    /** OWASP minimum for Argon2id: 19 MiB. */
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    // Bounds on parameters read back from a stored string: a corrupted row must fail cleanly,
    // not allocate gigabytes.
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random;
    private final Semaphore running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    /** The recommended setting. */
    public PasswordHasher() {
        this(new SecureRandom(), MEMORY_KIB, ITERATIONS, PARALLELISM);
    }

    PasswordHasher(SecureRandom random, int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB || iterations < 1
                || iterations > MAX_ITERATIONS || parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKib
                    + " KiB, t=" + iterations + ", p=" + parallelism);
        }
        this.random = random;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** A fresh salted hash of {@code password} in PHC format. Two calls never give the same string. */
    public String hash(String password) {
        if (password == null) {
            throw new IllegalArgumentException("password must not be null");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] tag = argon2id(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    /**
     * Whether {@code password} matches {@code encoded}. The comparison of the tags takes the
     * same time wherever they differ. A null, malformed or foreign-algorithm string never matches.
     */
    public boolean verify(String password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        Parsed parsed = parse(encoded);
        if (parsed == null) {
            return false;
        }
        byte[] actual = argon2id(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** True when {@code encoded} is unreadable or was made with weaker parameters than this hasher's. */
    public boolean needsRehash(String encoded) {
        Parsed parsed = encoded == null ? null : parse(encoded);
        return parsed == null || parsed.memoryKib < memoryKib || parsed.iterations < iterations
                || parsed.hash.length < HASH_BYTES;
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return null;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (parallelism < 1 || parallelism > MAX_PARALLELISM || memory < 8 * parallelism || memory > MAX_MEMORY_KIB
                || iterations < 1 || iterations > MAX_ITERATIONS) {
            return null;
        }
        try {
            byte[] salt = B64_DECODER.decode(m.group(4));
            byte[] hash = B64_DECODER.decode(m.group(5));
            if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
                return null;
            }
            return new Parsed(memory, iterations, parallelism, salt, hash);
        } catch (IllegalArgumentException badBase64) {
            return null;
        }
    }

    private byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                   int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(secret, out);
        } finally {
            running.release();
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
