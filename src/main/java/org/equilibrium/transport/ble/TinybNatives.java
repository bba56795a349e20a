package org.equilibrium.transport.ble;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * TinyB's native libraries, shipped inside {@code org.sputnikdev:bluetooth-manager-tinyb} under
 * {@code native/linux/<arch>/}. They are copied to a directory that the gateway worker JVM gets as
 * {@code java.library.path}: TinyB's own static initialiser then loads {@code libtinyb.so} before
 * {@code libjavatinyb.so}, whose dependency on {@code libtinyb.so.0.5.0-28-gac6d308} is satisfied by the
 * already-loaded soname.
 */
public final class TinybNatives {
    static final String[] LIBS = {"libtinyb.so", "libjavatinyb.so"};

    private TinybNatives() {
    }

    /** {@code x86_64} or {@code armv6} (what the jar ships for this machine). */
    static String archDir() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "linux/x86_64";
            case "x86", "i386", "i686" -> "linux/x86_32";
            case "arm", "aarch32" -> "arm/armv6";
            default -> throw new IllegalStateException("TinyB ships no natives for os.arch " + arch
                    + " (x86_64, x86 and 32-bit ARM only)");
        };
    }

    /**
     * Copies the natives for this machine into {@code dir} (created if needed) and returns it.
     *
     * @throws IllegalStateException when they are not on the class path
     */
    public static Path extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String lib : LIBS) {
                String resource = "/native/" + archDir() + "/" + lib;
                try (InputStream in = TinybNatives.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("TinyB native " + resource + " is not on the class path "
                                + "(dependency org.sputnikdev:bluetooth-manager-tinyb)");
                    }
                    Path tmp = Files.createTempFile(dir, lib, ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, dir.resolve(lib), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract TinyB natives to " + dir + ": " + e.getMessage(), e);
        }
    }
}
