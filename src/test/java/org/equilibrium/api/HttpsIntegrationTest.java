package org.equilibrium.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.testing.TestCertificates;
import org.equilibrium.testing.TestCertificates.Authority;
import org.equilibrium.testing.TestCertificates.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS for the API through the service's own settings ({@code equilibrium.https.*}, i.e. the
 * {@code EQUILIBRIUM_HTTPS_*} environment variables, wired to Micronaut's {@code micronaut.server.ssl} in
 * application.yml), with a PEM certificate and key from a CA generated at test time.
 */
class HttpsIntegrationTest {
    @TempDir
    static Path dir;
    static Authority ca;
    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        ca = TestCertificates.authority("Equilibrium test CA");
        Issued cert = ca.server("equilibrium", List.of("localhost"), List.of("127.0.0.1"));
        server = ApplicationContext.run(EmbeddedServer.class, https(
                cert.writeCertificate(dir.resolve("server.crt")), cert.writeKey(dir.resolve("server.key"))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    static Map<String, Object> https(Path certFile, Path keyFile) {
        Map<String, Object> p = new HashMap<>();
        p.put("equilibrium.https.enabled", "true");
        p.put("equilibrium.https.port", "-1");
        p.put("equilibrium.https.cert-file", certFile.toAbsolutePath().toString());
        p.put("equilibrium.https.key-file", keyFile.toAbsolutePath().toString());
        p.put("equilibrium.data-dir", dir.resolve("data").toString());
        p.put("equilibrium.influx.url", "http://127.0.0.1:" + LocalServers.freePort());
        return p;
    }

    private static HttpResponse<String> get(HttpClient client, String scheme, String path)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientTrustingTheCaGetsHealthOverHttps() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(ca.clientContext()).build();
        assertThat(server.getScheme()).isEqualTo("https");

        HttpResponse<String> r = get(trusting, "https", "/health/liveness");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
        assertThat(r.sslSession()).isPresent();
        assertThat(r.sslSession().orElseThrow().getPeerCertificates()[0]).isNotEqualTo(ca.certificate());
    }

    @Test
    void aClientTrustingOnlyTheJvmDefaultCasIsRefused() {
        HttpClient defaults = HttpClient.newHttpClient();
        assertThatThrownBy(() -> get(defaults, "https", "/health/liveness"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() {
        HttpClient other = HttpClient.newBuilder()
                .sslContext(TestCertificates.authority("Some other CA").clientContext()).build();
        assertThatThrownBy(() -> get(other, "https", "/health/liveness"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpIsNotServedOnThePort() {
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http", "/health/liveness"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aMissingKeyFileStopsTheStartWithTheSettingAndTheFileInTheMessage() {
        Path certFile = ca.server("equilibrium", List.of("localhost"), List.of())
                .writeCertificate(dir.resolve("other.crt"));
        Path missing = dir.resolve("no-such.key");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, https(certFile, missing)).close())
                .hasStackTraceContaining("HTTPS is enabled but its files cannot be used: EQUILIBRIUM_HTTPS_KEY_FILE "
                        + "(micronaut.server.ssl.key-store.key-path) " + missing + ": file not found");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateStopsTheStart() {
        Path certFile = ca.server("equilibrium", List.of("localhost"), List.of())
                .writeCertificate(dir.resolve("mine.crt"));
        Path otherKey = ca.server("someone-else", List.of("localhost"), List.of()).writeKey(dir.resolve("theirs.key"));
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, https(certFile, otherKey)).close())
                .hasStackTraceContaining("does not belong to the certificate in " + certFile);
    }
}
