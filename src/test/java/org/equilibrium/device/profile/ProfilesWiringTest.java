package org.equilibrium.device.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equilibrium.decode.DecoderRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class ProfilesWiringTest {

    @Nested
    @MicronautTest(startApplication = false)
    class WithShippedProfiles {
        @Inject
        ProfileRegistry registry;
        @Inject
        DecoderRegistry decoders;
        @Inject
        List<HealthIndicator> indicators;

        @Test
        void registryAndHealthComeFromTheShippedFolder() {
            assertThat(registry.allProfiles()).hasSize(8);
            assertThat(decoders.names()).contains("ble-hrm-2a37", "sim-tens-telemetry-v1");
            ProfilesHealthIndicator health = indicators.stream().filter(ProfilesHealthIndicator.class::isInstance)
                    .map(ProfilesHealthIndicator.class::cast).findFirst().orElseThrow();
            HealthResult r = health.result();
            assertThat(r.getName()).isEqualTo("profiles");
            assertThat(r.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat((Map<String, Object>) r.getDetails()).containsKey("loaded").doesNotContainKey("errors");
        }
    }

    @Test
    void aBrokenFileIsSkippedAndTurnsTheProfilesIndicatorDown() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("equilibrium.profiles.dir",
                "src/test/resources/profiles-one-broken", "micronaut.health.monitor.enabled", false))) {
            assertThat(ctx.getBean(ProfileRegistry.class).byId("polar-h10")).isPresent();
            HealthResult r = ctx.getBean(ProfilesHealthIndicator.class).result();
            assertThat(r.getStatus()).isEqualTo(HealthStatus.DOWN);
            Map<?, ?> details = (Map<?, ?>) r.getDetails();
            assertThat(details.get("loaded")).isEqualTo(List.of("polar-h10"));
            assertThat(details.get("skippedFiles")).isEqualTo(List.of("broken-tens.yaml"));
            assertThat((List<Object>) details.get("errors")).containsExactly(
                    "broken-tens.yaml:12: safety.current_ua.max: max 500 is below min 1000");
        }
    }

    @Test
    void startUpFailsWhenNoProfileLoads(@TempDir Path empty) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("equilibrium.profiles.dir", empty.toString(),
                "micronaut.health.monitor.enabled", false)))
                .hasStackTraceContaining("no device profile loaded from")
                .hasStackTraceContaining("no *.yaml profile files");
    }

    @Test
    void disabledProfilesGiveNoRegistryAndNoFailure(@TempDir Path empty) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("equilibrium.profiles.dir", empty.toString(),
                "equilibrium.profiles.enabled", false, "micronaut.health.monitor.enabled", false))) {
            assertThat(ctx.containsBean(ProfileRegistry.class)).isFalse();
            assertThat(ctx.containsBean(ProfilesHealthIndicator.class)).isFalse();
            assertThat(ctx.getBean(DecoderRegistry.class).names()).hasSize(6);
        }
    }

    @Test
    void defaultFolderFollowsEquilibriumHome() {
        assertThat(ProfilesConfiguration.defaultDir(Map.of("EQUILIBRIUM_HOME", "/opt/eq")))
                .isEqualTo(Path.of("/opt/eq/device-profiles"));
        assertThat(ProfilesConfiguration.defaultDir(Map.of())).isEqualTo(Path.of("device-profiles"));
        assertThat(ProfilesConfiguration.defaultDir(Map.of("EQUILIBRIUM_HOME", " ")))
                .isEqualTo(Path.of("device-profiles"));
    }
}
