package org.equilibrium.device.registry;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Makes the embedded H2 file path absolute. H2 refuses paths "implicitly relative" to the working directory
 * ({@code jdbc:h2:file:var/registry}: error 90011), and {@code equilibrium.data-dir} may well be written that
 * way ({@code EQUILIBRIUM_DATA_DIR=var}). Other JDBC URLs are left alone.
 */
@Singleton
public class H2FilePaths implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final String PREFIX = "jdbc:h2:file:";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration c = event.getBean();
        String url = c.getUrl();
        String fixed = absolute(url, Path.of("").toAbsolutePath());
        if (fixed != null && !fixed.equals(url)) {
            c.setUrl(fixed);
        }
        return c;
    }

    /** The URL with its file path resolved against {@code cwd}; other URLs unchanged (null stays null). */
    static String absolute(String url, Path cwd) {
        if (url == null || !url.startsWith(PREFIX)) {
            return url;
        }
        int semi = url.indexOf(';', PREFIX.length());
        String path = semi < 0 ? url.substring(PREFIX.length()) : url.substring(PREFIX.length(), semi);
        String rest = semi < 0 ? "" : url.substring(semi);
        if (path.startsWith("~")) {
            return url; // H2 expands the home directory itself
        }
        return PREFIX + cwd.resolve(path).toAbsolutePath().normalize() + rest;
    }
}
