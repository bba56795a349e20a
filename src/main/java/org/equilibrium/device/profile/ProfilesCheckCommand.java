package org.equilibrium.device.profile;

import java.io.PrintStream;
import java.nio.file.Path;
import org.equilibrium.decode.DecoderRegistry;

/**
 * {@code ./equilibrium profiles [DIR]}: validates a profile folder the way the service will at start-up and
 * prints what loaded and every error. Exit code 0 when every file loads, 1 otherwise. For authors of profile
 * files; the default folder is the service's ({@link ProfilesConfiguration}).
 */
public final class ProfilesCheckCommand {

    private ProfilesCheckCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || args.length == 1 && args[0].startsWith("-")) {
            err.println("usage: ./equilibrium profiles [DIR]   (default: $EQUILIBRIUM_HOME/device-profiles)");
            return 2;
        }
        Path dir = args.length == 1 ? Path.of(args[0]) : new ProfilesConfiguration().resolveDir();
        ProfileRegistry registry = new ProfileLoader(DecoderRegistry.standard()).load(dir.toAbsolutePath().normalize());
        ProfileLoadReport report = registry.loadReport();
        out.println("folder: " + report.directory());
        for (DeviceProfile p : registry.allProfiles()) {
            out.printf("  ok    %-30s %-11s %s%n", p.id(), p.kind().yamlName(), p.source());
        }
        for (ProfileError e : report.errors()) {
            err.println("  ERROR " + e);
        }
        out.println(registry.allProfiles().size() + " loaded, " + report.skippedFiles().size() + " skipped");
        return report.clean() ? 0 : 1;
    }
}
