package org.equilibrium.testing;

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
import java.util.Map;
import org.equilibrium.devinfra.LocalServers;

/**
 * The whole service started in-process (HTTP on a free port) against a given broker, with the in-memory
 * {@link RecordingSampleStore} as its store and its data under {@code dataDir}.
 */
public final class ServiceUnderTest implements AutoCloseable {
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceUnderTest(EmbeddedServer server) {
        this.server = server;
    }

    public static ServiceUnderTest start(String mqttUrl, String clientId, Path dataDir, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("equilibrium.mqtt.enabled", true);
        p.put("equilibrium.mqtt.url", mqttUrl);
        p.put("equilibrium.mqtt.client-id", clientId);
        p.put("equilibrium.mqtt.reconnect-min-delay", "200ms");
        p.put("equilibrium.mqtt.reconnect-max-delay", "1s");
        p.put("equilibrium.data-dir", dataDir.toString());
        p.put("equilibrium.registry.flush-interval", "200ms");
        p.put("equilibrium.test.recording-store", "true");
        // The service shows health details to signed-in callers only (src/docs/security.md); these tests read
        // the MQTT details anonymously.
        p.put("endpoints.health.details-visible", "ANONYMOUS");
        // The InfluxDB store bean still exists beside the recording one: keep it off real servers and files.
        p.put("equilibrium.influx.url", "http://127.0.0.1:" + LocalServers.freePort());
        p.put("equilibrium.influx.spool-dir", dataDir.resolve("spool").toString());
        p.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p);
        return new ServiceUnderTest(server);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public RecordingSampleStore store() {
        return context().getBean(RecordingSampleStore.class);
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** GET on the service as the bootstrap administrator (every API route needs a token): status code and body. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .header("Authorization", "Bearer " + adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the service's MQTT ingress has subscribed (its health says so), at most {@code wait}. */
    public void awaitSubscribed(Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/health").body().contains("\"subscribed\":true")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("service did not subscribe: " + get("/health").body());
    }

    private String token;

    private synchronized String adminToken() throws IOException, InterruptedException {
        if (token == null) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
                            + "/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin-test-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(r.body());
            if (!m.find()) {
                throw new IllegalStateException("admin login failed: " + r.statusCode() + " " + r.body());
            }
            token = m.group(1);
        }
        return token;
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
