package org.equilibrium.device.profile;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Health indicator {@code profiles}: UP when every profile file loaded; DOWN (with the errors as details) when
 * any file was skipped, so a broken profile is visible on {@code /health} even though ingest goes on with the
 * others. The registry is immutable, so the result is computed once.
 */
@Singleton
@Requires(beans = ProfileRegistry.class)
public class ProfilesHealthIndicator implements HealthIndicator {

    public static final String NAME = "profiles";

    private final HealthResult result;

    public ProfilesHealthIndicator(ProfileRegistry registry) {
        this.result = resultFor(registry);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result);
    }

    /** The result, without going through a publisher. */
    public HealthResult result() {
        return result;
    }

    static HealthResult resultFor(ProfileRegistry registry) {
        ProfileLoadReport report = registry.loadReport();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("directory", report.directory());
        details.put("loaded", registry.allProfiles().stream().map(DeviceProfile::id).toList());
        if (!report.clean()) {
            details.put("skippedFiles", report.skippedFiles());
            details.put("errors", report.errors().stream().map(ProfileError::toString).toList());
        }
        return HealthResult.builder(NAME, report.clean() ? HealthStatus.UP : HealthStatus.DOWN).details(details)
                .build();
    }
}
