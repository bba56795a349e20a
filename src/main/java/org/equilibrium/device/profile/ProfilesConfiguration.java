package org.equilibrium.device.profile;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code equilibrium.profiles.*}: where the device profile files are.
 * <ul>
 *   <li>{@code dir} — the folder of {@code *.yaml} profiles. Default: {@code $EQUILIBRIUM_HOME/device-profiles}
 *       when {@code EQUILIBRIUM_HOME} is set (the launcher sets it), else {@code ./device-profiles}. Override with
 *       {@code EQUILIBRIUM_PROFILES_DIR}.</li>
 *   <li>{@code enabled} — default true; false means no profile registry bean at all (for processes of this jar
 *       that do not ingest, such as the simulator).</li>
 * </ul>
 */
@ConfigurationProperties(ProfilesConfiguration.PREFIX)
public class ProfilesConfiguration {

    public static final String PREFIX = "equilibrium.profiles";

    private String dir;
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The configured folder, or null for the default. */
    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    /** The folder to load: the configured one, else the default for this process's environment. */
    public Path resolveDir() {
        return dir != null && !dir.isBlank() ? Path.of(dir) : defaultDir(System.getenv());
    }

    /** {@code $EQUILIBRIUM_HOME/device-profiles} when set and not blank, else {@code ./device-profiles}. */
    static Path defaultDir(Map<String, String> env) {
        String home = env.get("EQUILIBRIUM_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "device-profiles") : Path.of("device-profiles");
    }
}
