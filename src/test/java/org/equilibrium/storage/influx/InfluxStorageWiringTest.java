package org.equilibrium.storage.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Micronaut wiring: configuration binding, the SampleStore bean, the health indicator, the metrics. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfluxStorageWiringTest implements TestPropertyProvider {

    private LocalServer influx;
    private Path dataDir;

    @Inject
    SampleStore store;
    @Inject
    InfluxQueries queries;
    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            dataDir = Files.createTempDirectory("wiring");
            influx = LocalServers.startInflux(dataDir.resolve("influx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The same names the environment variables EQUILIBRIUM_INFLUX_URL / _DB resolve through in application.yml.
        return Map.of("EQUILIBRIUM_INFLUX_URL", influx.url(), "EQUILIBRIUM_INFLUX_DB", "wired",
                "equilibrium.data-dir", dataDir.toString(), "equilibrium.influx.batch-size", "1234",
                "equilibrium.influx.flush-interval", "20ms", "endpoints.health.details-visible", "ANONYMOUS");
    }

    @AfterAll
    void stopInflux() {
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void bindsSettingsFromConfigurationAndEnvironmentNames() {
        InfluxStoreOptions o = context.getBean(InfluxSampleStore.class).options();
        assertThat(o.url()).isEqualTo(influx.url());
        assertThat(o.database()).isEqualTo("wired");
        assertThat(o.batchSizePoints()).isEqualTo(1234);
        assertThat(o.flushInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(o.spoolDir()).isEqualTo(dataDir.resolve("spool"));
        assertThat(o.spoolMaxBytes()).isEqualTo(1L << 30);
        assertThat(o.spoolAlertFraction()).isEqualTo(0.80);
        assertThat(o.writeConcurrency()).isEqualTo(2);
        assertThat(store).isSameAs(context.getBean(InfluxSampleStore.class));
    }

    @Test
    void storesThroughTheSampleStoreBeanAndReportsHealthAndMetrics() throws Exception {
        DeviceId device = new DeviceId("wired-1");
        store.append(List.of(new Sample.HeartRate(device, 1_000_000L, 64, true, 1L))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(queries.heartRate(device, 0, 2_000_000L))
                .containsExactly(new InfluxQueries.HeartRatePoint(1_000_000L, 64, true, 1L));

        Map<?, ?> health = http.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);
        Map<?, ?> influxdb = (Map<?, ?>) ((Map<?, ?>) health.get("details")).get("influxdb");
        assertThat(influxdb.get("status")).isEqualTo("UP");
        Map<?, ?> details = (Map<?, ?>) influxdb.get("details");
        assertThat(details.get("database")).isEqualTo("wired");
        assertThat(details.get("reachable")).isEqualTo(true);
        assertThat(details.get("spooling")).isEqualTo(false);
        assertThat(details.get("spool_alert")).isEqualTo(false);
        assertThat(((Number) details.get("written_points")).longValue()).isEqualTo(1);

        io.micrometer.core.instrument.MeterRegistry meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters.get("equilibrium.storage.points.written").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("equilibrium.storage.write.latency").timer().count()).isEqualTo(1);
        assertThat(meters.get("equilibrium.storage.spool.bytes").gauge().value()).isZero();
    }
}
