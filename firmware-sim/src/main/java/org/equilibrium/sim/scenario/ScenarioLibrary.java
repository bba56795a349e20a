package org.equilibrium.sim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds scenarios: a path to a YAML file, or the name of a shipped one in
 * {@code $EQUILIBRIUM_HOME/firmware-sim/scenarios} (the launcher exports it), else
 * {@code ./firmware-sim/scenarios}.
 */
public final class ScenarioLibrary {
    private final Path dir;

    public ScenarioLibrary(Path dir) {
        this.dir = dir;
    }

    public static ScenarioLibrary fromEnvironment() {
        String home = System.getenv("EQUILIBRIUM_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(".");
        return new ScenarioLibrary(base.resolve("firmware-sim").resolve("scenarios"));
    }

    public Path dir() {
        return dir;
    }

    /** The file a name or path refers to. */
    public Path resolve(String nameOrPath) throws ScenarioException {
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path shipped = dir.resolve(nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml");
        if (Files.isRegularFile(shipped)) {
            return shipped;
        }
        throw new ScenarioException(List.of(nameOrPath + ": no such file, and no shipped scenario of that name in "
                + dir.toAbsolutePath().normalize() + " (see: sim list)"));
    }

    public Scenario load(String nameOrPath) throws ScenarioException {
        Path file = resolve(nameOrPath);
        try {
            return ScenarioParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** Shipped scenario files, by name. */
    public List<Path> shipped() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
            return out;
        }
    }
}
