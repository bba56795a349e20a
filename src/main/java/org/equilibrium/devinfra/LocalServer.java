package org.equilibrium.devinfra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server process this program started (Mosquitto or InfluxDB on loopback). {@link #close()} stops
 * exactly this process, by its handle, never by name.
 *
 * @param name    human name for messages
 * @param process the started process
 * @param port    the client port on 127.0.0.1
 * @param dir     its private work directory (config, data, log)
 */
public record LocalServer(String name, Process process, int port, Path dir, Path log) implements AutoCloseable {

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The tail of its log, for error messages. */
    public String logTail() {
        try {
            String text = java.nio.file.Files.readString(log);
            return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String url() {
        return name.startsWith("influx") ? "http://127.0.0.1:" + port : "tcp://127.0.0.1:" + port;
    }
}
