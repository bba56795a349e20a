package org.equilibrium.sim.ble;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus daemon (Debian's {@code dbus-daemon}) on a unix socket in a directory of our own, so a fake
 * BlueZ can own {@code org.bluez} without touching the machine's system bus. Clients find it through
 * {@code DBUS_SYSTEM_BUS_ADDRESS}. Stopped by PID.
 *
 * <p>The policy allows everything: the bus is reachable only through a socket file in a directory we own.
 */
public final class PrivateBus implements AutoCloseable {
    public static final String DAEMON = "/usr/bin/dbus-daemon";
    private static final long START_TIMEOUT_MS = 10_000;

    private final Process process;
    private final String address;
    private final Path socket;

    private PrivateBus(Process process, String address, Path socket) {
        this.process = process;
        this.address = address;
        this.socket = socket;
    }

    /**
     * Starts a daemon listening on {@code dir/bus} (the directory is created if needed; a stale socket file is
     * replaced, so a bus restarted in the same directory keeps its address).
     *
     * @throws IllegalStateException when the daemon is missing or does not come up, with its output
     */
    public static PrivateBus start(Path dir) {
        try {
            Files.createDirectories(dir);
            Path socket = dir.resolve("bus");
            Files.deleteIfExists(socket);
            Path config = dir.resolve("bus.conf");
            Files.writeString(config, config(socket), StandardCharsets.UTF_8);
            if (!Files.isExecutable(Path.of(DAEMON))) {
                throw new IllegalStateException(DAEMON + " is missing: install Debian's dbus-daemon package "
                        + "(apt-get install dbus-daemon)");
            }
            Process p = new ProcessBuilder(DAEMON, "--config-file=" + config, "--print-address=1", "--nofork",
                    "--nopidfile").redirectError(dir.resolve("dbus-daemon.log").toFile()).start();
            String address = readAddress(p);
            if (address == null) {
                p.destroyForcibly();
                String log = Files.exists(dir.resolve("dbus-daemon.log"))
                        ? Files.readString(dir.resolve("dbus-daemon.log")) : "";
                throw new IllegalStateException("dbus-daemon did not print its address within " + START_TIMEOUT_MS
                        + " ms (exit " + (p.isAlive() ? "none" : p.exitValue()) + "): " + log.strip());
            }
            return new PrivateBus(p, address.strip(), socket);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dbus-daemon in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String readAddress(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        StringBuilder line = new StringBuilder();
        while (System.currentTimeMillis() < deadline) {
            if (r.ready()) {
                int c = r.read();
                if (c < 0) {
                    return null;
                }
                if (c == '\n') {
                    return line.toString();
                }
                line.append((char) c);
            } else if (!p.isAlive()) {
                return null;
            } else {
                sleep(10);
            }
        }
        return null;
    }

    static String config(Path socket) {
        return """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>system</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow user="*"/>
                    <allow own="*"/>
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow send_type="method_call"/>
                    <allow send_type="signal"/>
                    <allow receive_type="method_call"/>
                    <allow receive_type="signal"/>
                  </policy>
                </busconfig>
                """.formatted(socket);
    }

    /** The address to export as {@code DBUS_SYSTEM_BUS_ADDRESS}, e.g. {@code unix:path=/tmp/x/bus,guid=…}. */
    public String address() {
        return address;
    }

    /** The address without the guid: stable across restarts in the same directory. */
    public String stableAddress() {
        return "unix:path=" + socket;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and removes its socket. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the socket file is recreated by the next start anyway
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
