package org.equilibrium.sim.ble;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioException;
import org.equilibrium.sim.scenario.ScenarioLibrary;

/**
 * {@code ./equilibrium sim ble SCENARIO}: the scenario's devices as BLE peripherals behind a fake BlueZ on a
 * private D-Bus daemon, for a BLE gateway (TinyB) to discover, connect and read. Prints the bus address to
 * export as {@code DBUS_SYSTEM_BUS_ADDRESS}. Exit codes: 0 done, 1 failure, 2 usage.
 */
public final class BleSimCli {
    static final String USAGE = """
            usage: ./equilibrium sim ble SCENARIO [options]

            Plays SCENARIO's devices as Bluetooth LE peripherals of a fake BlueZ (org.bluez on D-Bus): straps with
            the Heart Rate (0x180D/0x2A37) and Battery (0x180F/0x2A19) services, stimulators with the simulator's
            TENS service (telemetry, command, ack). Runs until the scenario ends or Ctrl-C.

              --bus-dir DIR         start a private dbus-daemon with its socket in DIR (default: a new temp dir)
              --bus-address ADDR    use a running bus instead (e.g. one you started with dbus-daemon)
              --speed X             virtual seconds per real second (default 1)
              --seed N              override the scenario's seed
              --duration-s S        stop after S virtual seconds
              --writes-log FILE     append every characteristic write received, as JSON lines
            """;
    private static final Set<String> OPTIONS = Set.of("--bus-dir", "--bus-address", "--speed", "--seed",
            "--duration-s", "--writes-log");

    private BleSimCli() {
    }

    public static int run(String[] args) {
        Map<String, String> o = new HashMap<>();
        String scenarioName = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                return 0;
            }
            if (OPTIONS.contains(a)) {
                if (i + 1 >= args.length) {
                    return usage(a + " needs a value");
                }
                o.put(a, args[++i]);
            } else if (a.startsWith("--")) {
                return usage("unknown option " + a);
            } else if (scenarioName == null) {
                scenarioName = a;
            } else {
                return usage("one SCENARIO only");
            }
        }
        if (scenarioName == null) {
            return usage("SCENARIO is required");
        }
        Scenario scenario;
        double speed;
        try {
            scenario = ScenarioLibrary.fromEnvironment().load(scenarioName);
            if (o.containsKey("--seed")) {
                scenario = scenario.withSeed(Long.parseLong(o.get("--seed")));
            }
            if (o.containsKey("--duration-s")) {
                scenario = scenario.withDurationS(Integer.parseInt(o.get("--duration-s")));
            }
            speed = Double.parseDouble(o.getOrDefault("--speed", "1"));
            if (!(speed > 0) || Double.isInfinite(speed)) {
                return usage("--speed must be a positive number");
            }
        } catch (ScenarioException e) {
            e.errors().forEach(System.err::println);
            return 1;
        } catch (NumberFormatException e) {
            return usage("not a number: " + e.getMessage());
        }
        BufferedWriter writes = null;
        BleSim sim = null;
        try {
            Path dir = o.containsKey("--bus-dir") ? Path.of(o.get("--bus-dir"))
                    : Files.createTempDirectory("equilibrium-ble-bus");
            sim = BleSim.start(scenario, System.currentTimeMillis(), speed, dir, o.get("--bus-address"));
            if (o.containsKey("--writes-log")) {
                BufferedWriter w = Files.newBufferedWriter(Path.of(o.get("--writes-log")), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                writes = w;
                sim.setWriteLog(rw -> {
                    synchronized (w) {
                        try {
                            w.write(rw.toJsonLine());
                            w.newLine();
                            w.flush();
                        } catch (IOException e) {
                            System.err.println("sim ble: writes log: " + e.getMessage());
                        }
                    }
                });
            }
            System.out.printf("%-22s %-18s %-28s %-20s %s%n", "device", "address", "advertised name", "mqtt id (ble)",
                    "profile");
            for (DeviceInfo d : sim.devices()) {
                String address = BleSink.addressOf(d.id());
                System.out.printf("%-22s %-18s %-28s %-20s %s%n", d.id(), address, BleSink.nameOf(d),
                        "ble-" + address.replace(":", "").toLowerCase(Locale.ROOT), d.profile());
            }
            System.out.println();
            System.out.println("fake BlueZ is on the bus; in the gateway's shell:");
            System.out.println("export DBUS_SYSTEM_BUS_ADDRESS=" + sim.busAddress());
            if (sim.busPid() != null) {
                System.out.println("(private dbus-daemon pid " + sim.busPid() + ")");
            }
            System.out.flush();
            CountDownLatch done = new CountDownLatch(1);
            BleSim s = sim;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                s.close();
                done.countDown();
            }, "sim-ble-stop"));
            long endMs = System.currentTimeMillis() + (long) (scenario.durationS() * 1000L / speed) + 2000;
            while (System.currentTimeMillis() < endMs) {
                Thread.sleep(500);
            }
            return 0;
        } catch (IllegalStateException | IOException e) {
            System.err.println("sim ble: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (sim != null) {
                sim.close();
            }
            if (writes != null) {
                try {
                    writes.close();
                } catch (IOException e) {
                    System.err.println("sim ble: writes log: " + e.getMessage());
                }
            }
        }
    }

    private static int usage(String message) {
        System.err.println("sim ble: " + message);
        System.err.print(USAGE);
        return 2;
    }
}
