package org.equilibrium.transport.ble;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./equilibrium ble-gateway}: a supervisor that runs the TinyB worker ({@link GatewayWorker}) as a child
 * JVM and restarts it with backoff whenever it exits (a native crash in TinyB, the system bus or BlueZ going
 * away — GDBus ends a process whose bus connection closes — or an unreachable broker). Native code therefore
 * never takes down anything but the worker, and the worker resumes its links from its state directory.
 * SIGTERM stops the worker, then the supervisor.
 */
public final class BleGatewayCommand {
    private static final Logger LOG = LoggerFactory.getLogger(BleGatewayCommand.class);
    static final long HEALTHY_RUN_MS = 60_000;

    private BleGatewayCommand() {
    }

    public static int main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(GatewayOptions.USAGE);
            return 0;
        }
        GatewayOptions o;
        try {
            o = GatewayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ble-gateway: " + e.getMessage() + "\n\n" + GatewayOptions.USAGE);
            return GatewayWorker.EXIT_USAGE;
        }
        Path natives;
        try {
            natives = TinybNatives.extractTo(o.stateDir().resolve("natives"));
        } catch (IllegalStateException e) {
            System.err.println("ble-gateway: " + e.getMessage());
            return 1;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-Djava.library.path=" + natives);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.equilibrium.Main");
        cmd.add("ble-gateway-worker");
        cmd.addAll(o.toArgs());
        Supervisor s = new Supervisor(cmd);
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "ble-gateway-supervisor-stop"));
        return s.run();
    }

    static final class Supervisor {
        private final List<String> command;
        private final Backoff backoff = new Backoff(1000, 15_000);
        private volatile boolean stopping;
        private volatile Process child;

        Supervisor(List<String> command) {
            this.command = command;
        }

        int run() {
            while (!stopping) {
                long started = System.currentTimeMillis();
                int rc;
                try {
                    synchronized (this) {
                        if (stopping) {
                            break;
                        }
                        child = new ProcessBuilder(command).inheritIO().start();
                    }
                    LOG.info("BLE gateway worker started, pid {}", child.pid());
                    rc = child.waitFor();
                } catch (java.io.IOException e) {
                    LOG.error("Cannot start the BLE gateway worker: {}", e.getMessage());
                    return 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
                if (stopping) {
                    break;
                }
                if (rc == GatewayWorker.EXIT_USAGE) {
                    LOG.error("BLE gateway worker refused its configuration (exit {}); not restarting", rc);
                    return rc;
                }
                if (System.currentTimeMillis() - started > HEALTHY_RUN_MS) {
                    backoff.reset();
                }
                long delay = backoff.next();
                LOG.warn("BLE gateway worker exited with {} ({}); restarting in {} ms", rc, meaning(rc), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            return 0;
        }

        static String meaning(int rc) {
            return switch (rc) {
                case GatewayWorker.EXIT_OK -> "stopped";
                case GatewayWorker.EXIT_NO_BLUEZ -> "BlueZ or the system bus is not available";
                case GatewayWorker.EXIT_NO_BROKER -> "MQTT broker not reachable";
                case 134 -> "native crash (SIGABRT)";
                case 139 -> "native crash (SIGSEGV)";
                case 143 -> "terminated: the D-Bus connection closed or a SIGTERM";
                default -> "failure";
            };
        }

        void stop() {
            Process p;
            synchronized (this) {
                stopping = true;
                p = child;
            }
            if (p != null && p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(6, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
