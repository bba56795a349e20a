package org.equilibrium.api;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.equilibrium.transport.mqtt.PemTls;

/**
 * With HTTPS on, checks the server's PEM certificate and key before the server binds. Micronaut itself only
 * reports "Unable to start Micronaut server" for a missing or broken file (the cause is a WARN further up the log);
 * this stops the start with a message that names the setting, the file and what is wrong with it.
 */
@Context
@Requires(property = "micronaut.server.ssl.enabled", value = "true")
public class HttpsFilesCheck {
    static final String CERT_SETTING = "EQUILIBRIUM_HTTPS_CERT_FILE (micronaut.server.ssl.key-store.certificate-path)";
    static final String KEY_SETTING = "EQUILIBRIUM_HTTPS_KEY_FILE (micronaut.server.ssl.key-store.key-path)";

    public HttpsFilesCheck(@Value("${micronaut.server.ssl.key-store.certificate-path:}") String certificatePath,
                           @Value("${micronaut.server.ssl.key-store.key-path:}") String keyPath) {
        String certFile = localFile(certificatePath);
        String keyFile = localFile(keyPath);
        if (certFile == null || keyFile == null) {
            return; // a key store, or classpath:/string: resources: Micronaut's own checks apply
        }
        try {
            List<X509Certificate> chain = PemTls.readCertificates(certFile, CERT_SETTING);
            PrivateKey key = PemTls.readPrivateKey(keyFile, KEY_SETTING);
            PemTls.requireMatch(key, keyFile, KEY_SETTING, chain.get(0), certFile, CERT_SETTING);
        } catch (PemTls.TlsSetupException e) {
            throw new ConfigurationException("HTTPS is enabled but its files cannot be used: " + e.getMessage(), e);
        }
    }

    /** The file system path of a {@code file:} resource or a plain path; null for anything else. */
    private static String localFile(String resource) {
        if (resource == null || resource.isBlank()) {
            return null;
        }
        if (resource.startsWith("file:")) {
            return resource.substring("file:".length());
        }
        return resource.contains(":") ? null : resource;
    }
}
