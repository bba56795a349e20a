package org.equilibrium.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServersTest {

    @Test
    void startsInfluxOnLoopbackAndStopsExactlyThatProcess(@TempDir Path dir) throws Exception {
        LocalServer influx = LocalServers.startInflux(dir.resolve("influx"));
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(influx.url() + "/ping").toURL().openConnection();
            assertThat(c.getResponseCode()).isEqualTo(204);
        } finally {
            influx.close();
        }
        assertThat(influx.isAlive()).isFalse();
    }

    @Test
    void startsMosquittoOnLoopbackAndRestartsOnTheSamePort(@TempDir Path dir) throws Exception {
        LocalServer first = LocalServers.startMosquitto(dir.resolve("mq"));
        LocalServer second = LocalServers.restartMosquitto(first, LocalServers.MosquittoOptions.defaults());
        try {
            assertThat(first.isAlive()).isFalse();
            assertThat(second.isAlive()).isTrue();
            assertThat(second.port()).isEqualTo(first.port());
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", second.port())) {
                assertThat(s.isConnected()).isTrue();
            }
        } finally {
            second.close();
        }
    }
}
