package org.equilibrium.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared real recordings (surefire passes {@code equilibrium.shared}). */
public final class TestData {
    private TestData() {
    }

    public static Path rrDir() {
        String shared = System.getProperty("equilibrium.shared", "../shared");
        return Path.of(shared, "datasets", "rr");
    }

    public static Path rrFile(String name) {
        return rrDir().resolve(name + ".txt");
    }

    /** Intervals of a shared recording (comment lines skipped). */
    public static double[] intervals(String name) {
        try {
            return Files.readAllLines(rrFile(name)).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
