package org.equilibrium.demo;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.equilibrium.Application;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.Runner;
import org.equilibrium.sim.engine.Simulation;
import org.equilibrium.sim.mqtt.MqttSink;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioLibrary;

/**
 * {@code ./equilibrium demo}: the main job in one command. Starts Debian's Mosquitto and InfluxDB on
 * free loopback ports (unless {@code EQUILIBRIUM_MQTT_URL} / {@code EQUILIBRIUM_INFLUX_URL} point
 * elsewhere), the service, and simulated patients from the firmware simulator; then, through the
 * service's own HTTP API as any client would, creates demo accounts, pairs the simulated devices
 * with their claim codes and starts a clinic session per patient. Prints where to look and a
 * status line per patient every 5 s; Ctrl-C stops exactly what it started.
 */
public final class DemoCommand {

    static final String THERAPIST = "therapist";
    static final String THERAPIST_PASSWORD = "demo-therapist-pw";
    static final String PATIENT_PASSWORD = "demo-patient-pw";
    static final String ADMIN_PASSWORD = "demo-admin-password";

    /** Which practice a shipped scenario stands for. */
    private static final Map<String, String> PRACTICE = Map.of(
            "relaxation-session", "paced-breathing",
            "stress-then-calm", "body-scan",
            "tens-pain-session", "tens-therapy");

    private final PrintStream out;
    private final PrintStream err;

    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DemoCommand(System.out, System.err).run(args));
    }

    record Options(int port, double speed, List<String> scenarios, Path dataDir, long durationS) {
    }

    public int run(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        if (o == null) {
            out.println(usage());
            return 0;
        }
        List<AutoCloseable> started = new ArrayList<>();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return demo(o, started, stopping);
        } catch (Exception e) {
            err.println("demo: " + e.getMessage());
            return 1;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    err.println("demo: stopping: " + e.getMessage());
                }
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for the latch released above
            }
        }
    }

    private int demo(Options o, List<AutoCloseable> started, AtomicBoolean stopping) throws Exception {
        Files.createDirectories(o.dataDir());
        String mqttUrl = System.getenv("EQUILIBRIUM_MQTT_URL");
        if (mqttUrl == null || mqttUrl.isBlank()) {
            LocalServer mq = LocalServers.startMosquitto(o.dataDir().resolve("mosquitto"));
            started.add(mq);
            mqttUrl = mq.url();
            out.printf("Mosquitto  %s  (pid %d, data %s)%n", mqttUrl, mq.pid(), mq.dir());
        } else {
            out.printf("Mosquitto  %s  (EQUILIBRIUM_MQTT_URL)%n", mqttUrl);
        }
        String influxUrl = System.getenv("EQUILIBRIUM_INFLUX_URL");
        if (influxUrl == null || influxUrl.isBlank()) {
            LocalServer influx = LocalServers.startInflux(o.dataDir().resolve("influxdb"));
            started.add(influx);
            influxUrl = influx.url();
            out.printf("InfluxDB   %s  (pid %d, data %s, database equilibrium)%n", influxUrl, influx.pid(),
                    influx.dir());
        } else {
            out.printf("InfluxDB   %s  (EQUILIBRIUM_INFLUX_URL)%n", influxUrl);
        }

        Map<String, Object> props = new HashMap<>();
        props.put("equilibrium.mqtt.url", mqttUrl);
        props.put("equilibrium.mqtt.client-id", "equilibrium-demo");
        props.put("equilibrium.influx.url", influxUrl);
        props.put("equilibrium.data-dir", o.dataDir().resolve("service").toAbsolutePath().toString());
        props.put("micronaut.server.port", o.port());
        props.put("equilibrium.admin.password", ADMIN_PASSWORD);
        ApplicationContext ctx = Micronaut.build(new String[0]).mainClass(Application.class).banner(false).properties(props)
                .start();
        started.add(ctx::close);
        String base = "http://127.0.0.1:" + ctx.getBean(EmbeddedServer.class).getPort();
        DemoClient api = new DemoClient(base, ctx.getBean(io.micronaut.json.JsonMapper.class));

        // Accounts (idempotent across demo runs: the registry database is kept under the data dir).
        String admin = api.login("admin", ADMIN_PASSWORD);
        long therapistId = api.ensureUser(admin, THERAPIST, "Dr. Rivera (demo therapist)", "THERAPIST",
                THERAPIST_PASSWORD);

        // Simulated devices, one simulation per scenario, each in its own thread.
        ScenarioLibrary library = ScenarioLibrary.fromEnvironment();
        List<Running> sims = new ArrayList<>();
        long seedShift = System.currentTimeMillis() / 1000;
        for (String name : o.scenarios()) {
            Scenario s = library.load(name);
            s = s.withSeed(s.seed() + seedShift).withTruthTopic(false);
            if (o.durationS() > 0) {
                s = s.withDurationS((int) o.durationS());
            }
            MqttSink sink = new MqttSink(new MqttSink.Options(mqttUrl, "", MqttSink.Mode.PER_DEVICE, 1,
                    "eqdemo-" + name + "-"));
            Simulation sim = new Simulation(s, System.currentTimeMillis(), sink, null);
            Running r = new Running(name, sim, sink, o.speed(), stopping);
            sims.add(r);
            started.add(r);
            r.start();
        }

        // Pair every simulated device to its patient with the claim code on its label, as a therapist.
        String therapist = api.login(THERAPIST, THERAPIST_PASSWORD);
        Map<String, Long> patients = new LinkedHashMap<>();
        for (Running r : sims) {
            for (DeviceInfo d : r.sim.devices()) {
                long pid = patients.computeIfAbsent(d.patient(), label -> api.ensureUser(admin, label,
                        capitalize(label) + " (demo patient)", "PATIENT", PATIENT_PASSWORD));
                api.assign(admin, therapistId, pid);
                api.awaitDevice(therapist, d.id(), 60_000);
                api.claim(therapist, d.id(), d.claimCode(), pid);
            }
        }
        // One clinic session per patient, with the practice the scenario plays.
        Set<String> sessionLines = new LinkedHashSet<>();
        for (Running r : sims) {
            Set<String> done = new LinkedHashSet<>();
            for (DeviceInfo d : r.sim.devices()) {
                if (d.stimulator() || !done.add(d.patient())) {
                    continue;
                }
                String practice = PRACTICE.getOrDefault(r.name, "free");
                api.startSession(therapist, patients.get(d.patient()), practice);
                sessionLines.add(String.format(Locale.ROOT, "  %-8s %-18s %s", d.patient(), practice, r.name));
            }
        }

        out.println();
        out.println("Equilibrium demo is running.");
        out.println("  Open " + base + "/  and sign in:");
        out.printf("    therapist (live ward):  %s / %s%n", THERAPIST, THERAPIST_PASSWORD);
        out.printf("    patients (live view):   %s / %s%n", String.join(", ", patients.keySet()),
                PATIENT_PASSWORD);
        out.printf("    administrator:          admin / %s%n", ADMIN_PASSWORD);
        out.println("  Sessions:");
        sessionLines.forEach(out::println);
        out.println("  Every 5 s one line per patient below; Ctrl-C stops everything the demo started.");
        out.println();

        while (!stopping.get() && sims.stream().anyMatch(Running::isAlive)) {
            Thread.sleep(5000);
            if (stopping.get()) {
                break;
            }
            try {
                for (String line : api.statusLines(therapist)) {
                    out.println(line);
                }
            } catch (IOException | RuntimeException e) {
                err.println("demo: status: " + e.getMessage());
            }
        }
        if (!stopping.get()) {
            out.println("demo: the scenarios are over; sessions stay open for review in the pages. Ctrl-C to stop.");
            while (!stopping.get()) {
                Thread.sleep(500);
            }
        }
        return 0;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Options parse(String[] args) {
        int port = 8080;
        double speed = 1;
        long duration = 0;
        List<String> scenarios = List.of("relaxation-session", "stress-then-calm", "tens-pain-session");
        String env = System.getenv("EQUILIBRIUM_DATA_DIR");
        Path dataDir = Path.of(env == null || env.isBlank() ? "var" : env).resolve("demo");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--port" -> port = Integer.parseInt(v);
                case "--speed" -> speed = Double.parseDouble(v);
                case "--duration-s" -> duration = Long.parseLong(v);
                case "--scenarios" -> scenarios = List.of(v.split(","));
                case "--data-dir" -> dataDir = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (port == 8080 && !portFree(8080)) {
            port = LocalServers.freePort();
        }
        if (speed <= 0) {
            throw new IllegalArgumentException("--speed must be > 0");
        }
        return new Options(port, speed, scenarios, dataDir, duration);
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String usage() {
        return """
                usage: ./equilibrium demo [--port 8080] [--speed 1] [--scenarios a,b,c] [--duration-s S] [--data-dir DIR]

                Starts Mosquitto and InfluxDB (Debian packages, loopback, data under var/demo/ unless
                EQUILIBRIUM_MQTT_URL / EQUILIBRIUM_INFLUX_URL are set), the service, and simulated patients
                (default scenarios: relaxation-session, stress-then-calm, tens-pain-session); creates demo
                accounts, pairs the devices by their claim codes and starts a session per patient.
                --speed 60 runs the scenarios 60x faster than real time.""";
    }

    /** One simulation running in its own thread until it ends or the demo stops. */
    private static final class Running implements AutoCloseable {
        final String name;
        final Simulation sim;
        final MqttSink sink;
        final Thread thread;

        Running(String name, Simulation sim, MqttSink sink, double speed, AtomicBoolean stopping) {
            this.name = name;
            this.sim = sim;
            this.sink = sink;
            this.thread = new Thread(() -> Runner.run(sim, speed, (s, w, d) -> { }, stopping::get), "demo-" + name);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean isAlive() {
            return thread.isAlive();
        }

        @Override
        public void close() throws InterruptedException {
            thread.join(20_000);
            sink.close();
        }
    }
}
