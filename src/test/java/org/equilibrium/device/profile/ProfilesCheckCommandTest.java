package org.equilibrium.device.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProfilesCheckCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ProfilesCheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shippedFolderPassesAndListsEveryProfile() {
        assertThat(run("device-profiles")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("polar-h10").contains("8 loaded, 0 skipped");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void brokenFolderFailsAndPrintsTheError() {
        assertThat(run("src/test/resources/profiles-one-broken")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("ERROR broken-tens.yaml:12: safety.current_ua.max: max 500 is below min 1000");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 loaded, 1 skipped");
    }
}
