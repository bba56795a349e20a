package org.equilibrium.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts Debian's {@code mosquitto} and {@code influxd} on 127.0.0.1, free ports and private
 * directories, for tests, the demo and benchmarks. Nothing here installs packages: the launcher
 * and {@code .ci/run} do that; a missing binary is a clear error naming the package.
 */
public final class LocalServers {

    private static final List<String> MOSQUITTO_PATHS = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto");
    /** Mosquitto's default {@code persistence_file}, in {@code persistence_location}. */
    public static final String MOSQUITTO_DB = "mosquitto.db";
    private static final List<String> INFLUXD_PATHS = List.of("/usr/bin/influxd", "/usr/local/bin/influxd");

    private LocalServers() {
    }

    /** Options for a Mosquitto instance. */
    public record MosquittoOptions(int port, boolean persistence, List<String> extraConfigLines) {
        public static MosquittoOptions defaults() {
            return new MosquittoOptions(0, true, List.of());
        }

        public MosquittoOptions withPort(int p) {
            return new MosquittoOptions(p, persistence, extraConfigLines);
        }

        public MosquittoOptions withExtraConfig(List<String> lines) {
            return new MosquittoOptions(port, persistence, List.copyOf(lines));
        }
    }

    public static Optional<Path> mosquittoBinary() {
        return find(MOSQUITTO_PATHS);
    }

    public static Optional<Path> influxdBinary() {
        return find(INFLUXD_PATHS);
    }

    /** Starts Mosquitto with anonymous access on a free loopback port, persistence in {@code dir}. */
    public static LocalServer startMosquitto(Path dir) throws IOException {
        return startMosquitto(dir, MosquittoOptions.defaults());
    }

    /**
     * Starts Mosquitto. The queue limits are raised because the default {@code max_queued_messages}
     * (1000) drops most of a burst to a slow QoS 1 subscriber.
     */
    public static LocalServer startMosquitto(Path dir, MosquittoOptions options) throws IOException {
        Path bin = mosquittoBinary().orElseThrow(() -> missing("mosquitto", "mosquitto"));
        Files.createDirectories(dir);
        int port = options.port() > 0 ? options.port() : freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Path log = dir.resolve("mosquitto.log");
        StringBuilder c = new StringBuilder();
        c.append("listener ").append(port).append(" 127.0.0.1\n");
        c.append("allow_anonymous true\n");
        c.append("max_queued_messages 1000000\n");
        c.append("max_inflight_messages 10000\n");
        c.append("persistence ").append(options.persistence()).append('\n');
        c.append("persistence_location ").append(dir.toAbsolutePath()).append("/\n");
        c.append("autosave_interval 1\n");
        c.append("log_dest file ").append(log.toAbsolutePath()).append('\n');
        c.append("log_type error\nlog_type warning\nlog_type notice\n");
        if (options.extraConfigLines().stream().noneMatch(l -> l.strip().startsWith("user "))) {
            runAsCurrentUser().ifPresent(u -> c.append("user ").append(u).append('\n'));
        }
        options.extraConfigLines().forEach(l -> c.append(l).append('\n'));
        Files.writeString(conf, c.toString());
        Files.deleteIfExists(log);
        Files.createFile(log);
        Process p = new ProcessBuilder(command(bin.toString(), "-c", conf.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        LocalServer server = new LocalServer("mosquitto", p, port, dir, log);
        awaitTcp(server, Duration.ofSeconds(20));
        return server;
    }

    /**
     * Restarts a Mosquitto on the same port and directory: SIGTERM (Mosquitto then writes its persistence file),
     * start again. With persistence on, a missing {@code mosquitto.db} after the stop is an error: the sessions
     * and queued messages the caller means to keep would silently be gone.
     */
    public static LocalServer restartMosquitto(LocalServer old, MosquittoOptions options) throws IOException {
        old.close();
        if (options.persistence() && !Files.isRegularFile(old.dir().resolve(MOSQUITTO_DB))) {
            throw new IOException("Mosquitto wrote no " + MOSQUITTO_DB + " in " + old.dir() + " on the way down:\n"
                    + old.logTail());
        }
        return startMosquitto(old.dir(), options.withPort(old.port()));
    }

    /**
     * The {@code user} line for Mosquitto's config. Started as root, Mosquitto switches to its default user
     * {@code mosquitto}, which cannot write our private directory (owned by whoever started us): no persistence
     * file and no log, so every session and queued message is lost on a restart. Naming the current user keeps
     * it as that user (for root, with a warning in the log); started as anyone else it ignores the line. A
     * {@code user} line among the caller's extra lines wins (Mosquitto refuses two).
     */
    private static Optional<String> runAsCurrentUser() {
        String user = System.getProperty("user.name", "");
        return user.matches("[A-Za-z0-9._-]+") ? Optional.of(user) : Optional.empty();
    }

    /** Starts InfluxDB 1.x with its HTTP API on a free loopback port, data in {@code dir}. */
    public static LocalServer startInflux(Path dir) throws IOException {
        return startInflux(dir, 0);
    }

    public static LocalServer startInflux(Path dir, int httpPort) throws IOException {
        Path bin = influxdBinary().orElseThrow(() -> missing("influxd", "influxdb"));
        Files.createDirectories(dir);
        int port = httpPort > 0 ? httpPort : freePort();
        int rpcPort = freePort();
        Path conf = dir.resolve("influxdb.conf");
        Path log = dir.resolve("influxd.log");
        String d = dir.toAbsolutePath().toString();
        // Debian's 1.6 build spells the usage-report switch "reporting-enabled"; later 1.x builds
        // ignore it and default to the same. Monitoring off keeps _internal out of the data dir.
        String c = """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                  logging-enabled = false
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                  max-values-per-tag = 0
                [monitor]
                  store-enabled = false
                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  max-body-size = 0
                [continuous_queries]
                  log-enabled = false
                """.formatted(rpcPort, d, d, d, port);
        Files.writeString(conf, c);
        Files.deleteIfExists(log);
        Files.createFile(log);
        Process p = new ProcessBuilder(command(bin.toString(), "run", "-config", conf.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        LocalServer server = new LocalServer("influxd", p, port, dir, log);
        awaitInfluxPing(server, Duration.ofSeconds(30));
        return server;
    }

    /** Restarts an InfluxDB on the same port and data directory. */
    public static LocalServer restartInflux(LocalServer old) throws IOException {
        old.close();
        return startInflux(old.dir(), old.port());
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitTcp(LocalServer server, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException(server.name() + " exited with " + server.process().exitValue() + ":\n"
                        + server.logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        server.close();
        throw new IOException(server.name() + " did not listen on port " + server.port() + " within " + timeout
                + ":\n" + server.logTail());
    }

    private static void awaitInfluxPing(LocalServer server, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("influxd exited with " + server.process().exitValue() + ":\n"
                        + server.logTail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(server.url() + "/ping").toURL()
                        .openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                if (c.getResponseCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        server.close();
        throw new IOException("influxd did not answer /ping within " + timeout + ":\n" + server.logTail());
    }

    /**
     * The server in a session of its own (setsid execs in place, so the PID is the server's): a Ctrl-C in the
     * terminal then reaches only our JVM, which stops its clients first and the servers last, by PID.
     */
    private static List<String> command(String... args) {
        List<String> cmd = new java.util.ArrayList<>();
        find(List.of("/usr/bin/setsid", "/bin/setsid")).ifPresent(p -> cmd.add(p.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Optional<Path> find(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static IllegalStateException missing(String binary, String debianPackage) {
        return new IllegalStateException(binary + " not found. Install Debian's package: "
                + "sudo apt-get install -y " + debianPackage + " (or run .ci/run / ./equilibrium demo, which do)");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server", e);
        }
    }
}
