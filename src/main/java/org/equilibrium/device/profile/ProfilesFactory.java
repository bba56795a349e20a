package org.equilibrium.device.profile;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.equilibrium.decode.DecoderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beans for the decoders and the device profiles. The profile registry is built eagerly at start-up
 * ({@link Context}) so broken files are reported at once: each error is logged at ERROR and kept for the
 * {@code profiles} health indicator, and start-up fails only when no profile loaded at all.
 *
 * <p>A process of the same jar that needs no profiles (e.g. a simulator starting its own context elsewhere)
 * sets {@code equilibrium.profiles.enabled=false} and gets no registry instead of a failed start-up.
 */
@Factory
public class ProfilesFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ProfilesFactory.class);

    @Singleton
    public DecoderRegistry decoderRegistry() {
        return DecoderRegistry.standard();
    }

    @Context
    @Requires(property = ProfilesConfiguration.PREFIX + ".enabled", notEquals = "false")
    public ProfileRegistry profileRegistry(ProfilesConfiguration config, DecoderRegistry decoders) {
        ProfileRegistry registry = new ProfileLoader(decoders).load(config.resolveDir().toAbsolutePath().normalize());
        ProfileLoadReport report = registry.loadReport();
        for (ProfileError e : report.errors()) {
            LOG.error("device profile error, file skipped: {} (folder {})", e, report.directory());
        }
        ProfileLoader.requireAny(registry);
        LOG.info("loaded {} device profiles from {}{}", registry.allProfiles().size(), report.directory(),
                report.clean() ? "" : "; skipped " + report.skippedFiles() + ", see errors above and /health");
        return registry;
    }
}
