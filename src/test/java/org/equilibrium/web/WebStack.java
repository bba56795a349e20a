package org.equilibrium.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.Simulation;
import org.equilibrium.sim.mqtt.MqttSink;
import org.equilibrium.sim.scenario.ScenarioLibrary;
import org.equilibrium.testsupport.Accounts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the browser tests talk to, for real: Debian's Mosquitto and InfluxDB on free loopback ports,
 * the whole service in-process on a free HTTP port, and the firmware simulator publishing a scenario over
 * MQTT. The simulator's virtual clock runs at an adjustable speed (real time while people click through
 * pairing, faster once a session runs) so a 20-minute scenario fits in a short test.
 */
final class WebStack implements AutoCloseable {
    final LocalServer mosquitto;
    final LocalServer influx;
    final EmbeddedServer server;
    final HttpClient client;
    final Accounts accounts;
    final Simulation simulation;
    private final MqttSink sink;
    private final Thread driver;
    private volatile double speed = 1.0;
    private volatile boolean stopping;

    WebStack(Path dir, String scenarioFile) throws Exception {
        mosquitto = LocalServers.startMosquitto(dir.resolve("mosquitto"));
        influx = LocalServers.startInflux(dir.resolve("influx"));
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("equilibrium.mqtt.enabled", true);
        p.put("equilibrium.mqtt.url", mosquitto.url());
        p.put("equilibrium.mqtt.client-id", "web-test-service");
        p.put("equilibrium.data-dir", dir.resolve("data").toString());
        p.put("equilibrium.influx.url", influx.url());
        p.put("equilibrium.influx.spool-dir", dir.resolve("spool").toString());
        server = ApplicationContext.run(EmbeddedServer.class, p, "test");
        client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        accounts = new Accounts(client);

        var scenario = new ScenarioLibrary(dir).load(scenarioFile);
        sink = new MqttSink(new MqttSink.Options(mosquitto.url(), "", MqttSink.Mode.PER_DEVICE, 1, "web-test-sim-"));
        simulation = new Simulation(scenario, System.currentTimeMillis(), sink, null);
        simulation.start();
        driver = new Thread(this::drive, "web-test-simulator");
        driver.setDaemon(true);
        driver.start();
    }

    /** Advances the simulation in 50-ms wall steps at the current speed, until the scenario ends or close(). */
    private void drive() {
        long last = System.nanoTime();
        double virtualMs = simulation.timeMs();
        while (!stopping && simulation.timeMs() < simulation.durationMs()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            virtualMs += (now - last) / 1e6 * speed;
            last = now;
            simulation.advanceTo(Math.min(simulation.durationMs(), (long) virtualMs));
        }
    }

    /** Virtual seconds per wall second from now on. */
    void speed(double virtualPerWall) {
        this.speed = virtualPerWall;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    DeviceInfo device(String id) {
        return simulation.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** A JSON call as {@code user}; the answer as a map (or list of maps for a list). */
    Object call(Accounts.User user, MutableHttpRequest<?> request) {
        BlockingHttpClient http = client.toBlocking();
        return http.retrieve(user.authorize(request), Argument.of(Object.class));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(Accounts.User user, String path, Map<String, Object> body) {
        return (Map<String, Object>) call(user, HttpRequest.POST(path, body));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(Accounts.User user, String path) {
        return (List<Map<String, Object>>) call(user, HttpRequest.GET(path));
    }

    /** Waits until the service has seen {@code deviceId} (its status message arrived and it is listed). */
    void awaitDeviceListed(Accounts.User user, String deviceId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (list(user, "/api/devices?unpaired=true").stream().anyMatch(d -> deviceId.equals(d.get("id")))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("device " + deviceId + " never appeared among the unpaired devices");
    }

    @Override
    public void close() throws Exception {
        stopping = true;
        driver.join(5_000);
        try {
            simulation.finish();
            sink.close();
        } finally {
            try {
                client.close();
                server.getApplicationContext().close();
            } finally {
                influx.close();
                mosquitto.close();
            }
        }
    }
}
