package org.equilibrium.sim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.NullSink;
import org.equilibrium.sim.engine.Runner;
import org.equilibrium.sim.engine.SimSink;
import org.equilibrium.sim.engine.SimStats;
import org.equilibrium.sim.engine.Simulation;
import org.equilibrium.sim.engine.TruthSink;
import org.equilibrium.sim.mqtt.MqttSink;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioException;
import org.equilibrium.sim.scenario.ScenarioLibrary;

/**
 * {@code ./equilibrium sim …}: list, validate and run scenarios, and a load bench. Exit codes: 0
 * ok, 1 invalid scenario or failed run, 2 usage error.
 */
public final class SimCli {
    static final String USAGE = """
            usage: ./equilibrium sim COMMAND

              sim list                      shipped scenarios with one-line descriptions
              sim validate SCENARIO         check a scenario (exit 0 valid, 1 invalid; errors name line and field)
              sim run SCENARIO [options]    run a scenario against an MQTT broker
              sim bench [options]           start a private Mosquitto, run clinic-load in real time, print CPU cost

            SCENARIO is a shipped scenario's name (see sim list) or a path to a YAML file.

            run options:
              --broker URL          MQTT broker (default tcp://127.0.0.1:1883); "none" runs without transport
              --speed X|max         virtual seconds per real second (default 1); max = as fast as possible
              --seed N              override the scenario's seed
              --devices N           scale the scenario to N devices (entries keep their proportions)
              --duration-s S        stop after S virtual seconds (default: the scenario's duration)
              --truth FILE          write ground truth (balance, breathing, phase) as JSON lines
              --no-truth-topic      do not publish biofeedback/v1/{id}/truth
              --start-epoch-ms MS   epoch of virtual time 0 (default now), for reproducible timestamps
              --connections MODE    per-device (real last wills) or a pool size N (default: per-device up to
                                    100 devices, else a pool of 4)
              --topic-prefix P      deployment prefix before biofeedback/ (default none)
              --print-devices       print every device's id and claim code even for large runs
            bench options: --devices N (default 10000) --duration-s S (default 60) --connections N (default 4)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final ScenarioLibrary library;

    SimCli(PrintStream out, PrintStream err, ScenarioLibrary library) {
        this.out = out;
        this.err = err;
        this.library = library;
    }

    public static void main(String[] args) {
        int code = new SimCli(System.out, System.err, ScenarioLibrary.fromEnvironment()).run(args);
        System.exit(code);
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "list" -> list();
                case "validate" -> validate(args);
                case "run" -> runScenario(args, false);
                case "bench" -> runScenario(args, true);
                default -> usage("unknown sim command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
    }

    private int usage(String message) {
        err.println("sim: " + message);
        err.print(USAGE);
        return 2;
    }

    private int list() {
        try {
            List<Path> files = library.shipped();
            if (files.isEmpty()) {
                err.println("sim: no scenarios in " + library.dir().toAbsolutePath().normalize());
                return 1;
            }
            for (Path f : files) {
                String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                try {
                    Scenario s = library.load(f.toString());
                    out.printf(Locale.ROOT, "%-22s %s (%d devices, %s)%n", name, s.description(), s.deviceCount(),
                            clock(s.durationS()));
                } catch (ScenarioException e) {
                    out.printf(Locale.ROOT, "%-22s INVALID: run 'sim validate %s'%n", name, name);
                }
            }
            return 0;
        } catch (IOException e) {
            err.println("sim: cannot list " + library.dir() + ": " + e.getMessage());
            return 1;
        }
    }

    private int validate(String[] args) {
        if (args.length != 2) {
            throw new UsageException("validate takes one SCENARIO");
        }
        try {
            Scenario s = library.load(args[1]);
            out.printf(Locale.ROOT, "%s: valid: %d devices, %d phases, %d stimulation commands, %d faults, %s%n",
                    s.name(), s.deviceCount(), s.phases().size(), s.stimulation().size(), s.faults().size(),
                    clock(s.durationS()));
            return 0;
        } catch (ScenarioException e) {
            e.errors().forEach(err::println);
            return 1;
        }
    }

    private static final Set<String> FLAGS = Set.of("--no-truth-topic", "--print-devices");
    private static final Set<String> OPTIONS = Set.of("--broker", "--speed", "--seed", "--devices", "--duration-s",
            "--truth", "--start-epoch-ms", "--connections", "--topic-prefix");

    private int runScenario(String[] args, boolean bench) {
        Map<String, String> o = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (FLAGS.contains(a)) {
                o.put(a, "true");
            } else if (OPTIONS.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                o.put(a, args[++i]);
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                positional.add(a);
            }
        }
        if (bench ? !positional.isEmpty() : positional.size() != 1) {
            throw new UsageException(bench ? "bench takes options only" : "run takes one SCENARIO");
        }
        Scenario scenario;
        try {
            scenario = library.load(bench ? "clinic-load" : positional.get(0));
        } catch (ScenarioException e) {
            e.errors().forEach(err::println);
            return 1;
        }
        if (o.containsKey("--seed")) {
            scenario = scenario.withSeed(parseLong(o, "--seed", 0, Long.MAX_VALUE));
        }
        int defaultDevices = bench ? 10_000 : -1;
        long devicesWanted = o.containsKey("--devices") ? parseLong(o, "--devices", 1, 200_000) : defaultDevices;
        if (devicesWanted > 0) {
            scenario = scenario.withDeviceTotal((int) devicesWanted);
        }
        if (o.containsKey("--duration-s")) {
            scenario = scenario.withDurationS((int) parseLong(o, "--duration-s", 1, 30L * 86_400));
        } else if (bench) {
            scenario = scenario.withDurationS(60);
        }
        if (o.containsKey("--no-truth-topic")) {
            scenario = scenario.withTruthTopic(false);
        }
        double speed = bench ? 1 : parseSpeed(o.getOrDefault("--speed", "1"));
        long startEpoch = o.containsKey("--start-epoch-ms") ? parseLong(o, "--start-epoch-ms", 0, 32_503_680_000_000L)
                : System.currentTimeMillis();
        int devices = scenario.deviceCount();
        String conn = o.getOrDefault("--connections", bench ? "4" : devices <= 100 ? "per-device" : "4");
        MqttSink.Mode mode;
        int poolSize = 4;
        if (conn.equals("per-device")) {
            mode = MqttSink.Mode.PER_DEVICE;
        } else {
            mode = MqttSink.Mode.POOL;
            poolSize = (int) parseLong(Map.of("--connections", conn), "--connections", 1, 256);
        }

        LocalServer mosquitto = null;
        String broker = o.getOrDefault("--broker", "tcp://127.0.0.1:1883");
        BufferedWriter truthWriter = null;
        try {
            if (bench) {
                Path dir = Files.createTempDirectory("equilibrium-sim-bench");
                mosquitto = LocalServers.startMosquitto(dir,
                        LocalServers.MosquittoOptions.defaults().withExtraConfig(List.of()));
                broker = mosquitto.url();
                err.println("sim bench: Mosquitto pid " + mosquitto.pid() + " on " + broker + " (dir " + dir + ")");
            }
            SimSink sink = broker.equals("none") ? new NullSink()
                    : new MqttSink(new MqttSink.Options(broker, o.getOrDefault("--topic-prefix", ""), mode, poolSize,
                            "eqsim-" + Long.toString(startEpoch % 1_000_000_000L, 36) + "-"));
            TruthSink truth = null;
            if (o.containsKey("--truth")) {
                truthWriter = Files.newBufferedWriter(Path.of(o.get("--truth")), StandardCharsets.UTF_8);
                BufferedWriter w = truthWriter;
                truth = line -> {
                    try {
                        w.write(line);
                        w.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
            }
            Simulation sim = new Simulation(scenario, startEpoch, sink, truth);
            printDevices(sim.devices(), o.containsKey("--print-devices"));
            err.printf(Locale.ROOT, "sim: %s, seed %d, %d devices, %s virtual at %s, broker %s (%s)%n",
                    scenario.name(), scenario.seed(), devices, clock(scenario.durationS()),
                    Double.isInfinite(speed) ? "max speed" : "x" + fmt(speed), broker,
                    mode == MqttSink.Mode.PER_DEVICE ? "one connection per device" : "pool of " + poolSize);
            Runner.Summary summary = runWithShutdownHook(sim, sink, speed);
            printSummary(sim, summary, sink.failures());
            if (mosquitto != null) {
                double mqCpu = mosquitto.process().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
                err.printf(Locale.ROOT, "sim bench: Mosquitto CPU %.1f s over the whole run (incl. connect)%n", mqCpu);
            }
            return 0;
        } catch (IllegalStateException | IOException | UncheckedIOException e) {
            err.println("sim: " + e.getMessage());
            return 1;
        } finally {
            if (truthWriter != null) {
                try {
                    truthWriter.close();
                } catch (IOException e) {
                    err.println("sim: truth file: " + e.getMessage());
                }
            }
            if (mosquitto != null) {
                mosquitto.close();
            }
        }
    }

    /** Runs; Ctrl-C stops the run, and the process exits only after offline statuses were flushed. */
    private Runner.Summary runWithShutdownHook(Simulation sim, SimSink sink, double speed) {
        CountDownLatch done = new CountDownLatch(1);
        boolean[] stop = {false};
        Thread hook = new Thread(() -> {
            synchronized (stop) {
                stop[0] = true;
            }
            try {
                // Give the run time to publish every device's offline status.
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean tty = System.console() != null;
        try {
            return Runner.run(sim, speed, (s, wallS, last) -> progress(s, wallS, last, tty), () -> {
                synchronized (stop) {
                    return stop[0];
                }
            });
        } finally {
            sink.close();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits on the latch released above
            }
        }
    }

    private long lastProgressMessages;
    private double lastProgressWall;
    private double lastPrintedWall = -100;

    private void progress(Simulation sim, double wallS, boolean done, boolean tty) {
        SimStats st = sim.stats();
        double rate = (st.messages() - lastProgressMessages) / Math.max(1e-3, wallS - lastProgressWall);
        lastProgressMessages = st.messages();
        lastProgressWall = wallS;
        String line = String.format(Locale.ROOT,
                "[sim] t=%s/%s | online %d/%d | msgs %d (%.0f/s) | faults %d | lost offline %d | cmds in %d | acks %d ok %d refused",
                clock(sim.timeMs() / 1000), clock(sim.durationMs() / 1000), st.online(), sim.devices().size(),
                st.messages(), rate, st.faultsInjected(), st.droppedOffline(), st.commandsReceived(), st.acksOk(),
                st.commandsRefused());
        if (tty) {
            err.print("\r" + line + "   ");
            if (done) {
                err.println();
            }
        } else if (done || wallS - lastPrintedWall >= 10) {
            lastPrintedWall = wallS;
            err.println(line);
        }
    }

    private void printDevices(List<DeviceInfo> devices, boolean all) {
        int shown = all || devices.size() <= 100 ? devices.size() : 10;
        out.printf("%-24s %-30s %-20s %s%n", "device", "model", "patient", "claim code");
        for (int i = 0; i < shown; i++) {
            DeviceInfo d = devices.get(i);
            out.printf("%-24s %-30s %-20s %s%n", d.id(), d.profile(), d.patient(), d.claimCode());
        }
        if (shown < devices.size()) {
            out.printf("... and %d more (--print-devices lists all)%n", devices.size() - shown);
        }
        out.flush();
    }

    private void printSummary(Simulation sim, Runner.Summary s, long transportFailures) {
        SimStats st = sim.stats();
        err.printf(Locale.ROOT, """
                sim summary: %s
                  virtual time      %s (%.1f s) in %.1f s wall (+ %.1f s connecting), max clock lag %d ms
                  devices           %d
                  messages          %d (%.0f/s wall), %d bytes
                  faults injected   %d; messages lost while offline %d; transport failures %d
                  commands          %d received over the transport; acks %d ok, %d refused (incl. scheduled)
                  process CPU       %.2f s = %.2f cores busy; %.1f ms CPU per 1,000 devices per virtual second
                """, sim.scenario().name(), clock((long) s.virtualS()), s.virtualS(), s.wallS(), s.connectWallS(),
                s.maxLagMs(), s.devices(), st.messages(), st.messages() / Math.max(1e-3, s.wallS()), st.bytes(),
                st.faultsInjected(), st.droppedOffline(), transportFailures, st.commandsReceived(),
                st.acksOk(), st.commandsRefused(), s.cpuS(), s.coresBusy(), s.cpuMsPerThousandDevicesPerSecond());
    }

    private static double parseSpeed(String v) {
        if (v.equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d <= 100_000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--speed must be a number in (0, 100000] or max, got '" + v + "'");
    }

    private static long parseLong(Map<String, String> o, String key, long min, long max) {
        String v = o.get(key);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(key + " must be an integer in [" + min + ", " + max + "], got '" + v + "'");
    }

    private static String clock(long s) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }
}
