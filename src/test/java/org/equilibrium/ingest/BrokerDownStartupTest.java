package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.testing.ServiceUnderTest;
import org.equilibrium.testing.TestPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerDownStartupTest {

    @Test
    void startsAndAnswersHealthWhileTheBrokerIsDownThenConnectsWhenItStarts(@TempDir Path dir) throws Exception {
        int port = LocalServers.freePort();
        try (ServiceUnderTest s = ServiceUnderTest.start("tcp://127.0.0.1:" + port, "it-down", dir.resolve("data"),
                Map.of())) {
            HttpResponse<String> health = s.get("/health");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!health.body().contains("lastError") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                health = s.get("/health");
            }
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).containsPattern("\"mqtt\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"")
                    .contains("\"connected\":false", "\"lastError\":\"connect to tcp://127.0.0.1:" + port);
            HttpResponse<String> readiness = s.get("/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).containsPattern("\"mqtt\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"");
            assertThat(s.get("/health/liveness").statusCode()).isEqualTo(200);
            // the rest of the service works meanwhile
            assertThat(s.get("/api/devices").statusCode()).isEqualTo(200);

            try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"),
                    LocalServers.MosquittoOptions.defaults().withPort(port))) {
                s.awaitSubscribed(Duration.ofSeconds(20));
                assertThat(s.get("/health").body())
                        .containsPattern("\"mqtt\":\\{\"name\":\"[^\"]*\",\"status\":\"UP\"");
                try (TestPublisher dev = new TestPublisher(broker.url(), "dev-late")) {
                    dev.publish("biofeedback/v1/strap-l/hr", "{\"ts\":1763740800000,\"bpm\":58}");
                }
                s.store().await(l -> l.stream().anyMatch(x -> x instanceof Sample.HeartRate h && h.bpm() == 58),
                        Duration.ofSeconds(20));
            }
        }
    }
}
