package org.equilibrium.device.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class H2FilePathsTest {
    private final Path cwd = Path.of("/srv/app");

    @Test
    void resolvesRelativeFilePathsAgainstTheWorkingDirectory() {
        assertThat(H2FilePaths.absolute("jdbc:h2:file:var/registry;DB_CLOSE_ON_EXIT=FALSE", cwd))
                .isEqualTo("jdbc:h2:file:/srv/app/var/registry;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(H2FilePaths.absolute("jdbc:h2:file:./var/registry", cwd))
                .isEqualTo("jdbc:h2:file:/srv/app/var/registry");
    }

    @Test
    void leavesAbsoluteHomeAndNonH2UrlsAlone() {
        assertThat(H2FilePaths.absolute("jdbc:h2:file:/data/registry;X=1", cwd))
                .isEqualTo("jdbc:h2:file:/data/registry;X=1");
        assertThat(H2FilePaths.absolute("jdbc:h2:file:~/registry", cwd)).isEqualTo("jdbc:h2:file:~/registry");
        assertThat(H2FilePaths.absolute("jdbc:postgresql://db/eq", cwd)).isEqualTo("jdbc:postgresql://db/eq");
        assertThat(H2FilePaths.absolute(null, cwd)).isNull();
    }
}
