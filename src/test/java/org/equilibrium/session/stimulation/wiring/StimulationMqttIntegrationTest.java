package org.equilibrium.session.stimulation.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.equilibrium.transport.mqtt.ArrivalCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.people.Caller;
import org.equilibrium.people.Role;
import org.equilibrium.session.stimulation.AuditEntry;
import org.equilibrium.session.stimulation.CommandRequest;
import org.equilibrium.session.stimulation.StimOp;
import org.equilibrium.session.stimulation.StimulatorCommandService;
import org.equilibrium.session.stimulation.StimulatorDirectory;
import org.equilibrium.session.stimulation.StimulatorTarget;
import org.equilibrium.sim.stim.StimAck;
import org.equilibrium.sim.stim.StimCommand;
import org.equilibrium.sim.stim.Stimulator;
import org.equilibrium.sim.stim.StimulatorModel;
import org.equilibrium.testing.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command path over a real Mosquitto: the service publishes {@code cmd} (QoS 1), the simulator's stimulator
 * firmware executes it and acks on {@code cmd/ack}, ingest hands the ack back, the audit (H2) holds both; then the
 * device falls silent and the service stops it on its own.
 */
class StimulationMqttIntegrationTest {
    static final String DEVICE = "tens-it";
    static final long PATIENT = 42;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LocalServer broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalServers.startMosquitto(dir.resolve("mosquitto"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The device belongs to patient 42 (pairing is not built yet); its envelope is the shipped sim-tens profile. */
    @Singleton
    @Replaces(RegistryStimulatorDirectory.class)
    @Requires(property = "spec.name", value = "StimulationMqttIntegrationTest")
    static class PairedDirectory implements StimulatorDirectory {
        private final ProfileRegistry profiles;

        PairedDirectory(ProfileRegistry profiles) {
            this.profiles = profiles;
        }

        @Override
        public Optional<StimulatorTarget> find(String deviceId) {
            return DEVICE.equals(deviceId) ? Optional.of(new StimulatorTarget(DEVICE, PATIENT, "equilibrium-sim-tens",
                    profiles.byId("equilibrium-sim-tens").orElseThrow().safety())) : Optional.empty();
        }
    }

    /** The simulator's TENS firmware behind a plain MQTT client: executes cmd, acks on cmd/ack. */
    static final class SimDevice implements ArrivalCallback, AutoCloseable {
        final MqttClient client;
        final Stimulator firmware = new Stimulator(StimulatorModel.SIM_TENS, 1, 90, 0);
        final List<String> commands = new CopyOnWriteArrayList<>();

        SimDevice(String url) throws MqttException {
            client = new MqttClient(url, "sim-" + DEVICE, new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o);
            client.subscribe("biofeedback/v1/" + DEVICE + "/cmd", 1);
        }

        void telemetry(String state, long currentUa) throws MqttException {
            String json = "{\"ts\":" + System.currentTimeMillis() + ",\"modality\":\"tens\",\"state\":\"" + state
                    + "\",\"current_ua\":" + currentUa + ",\"frequency_hz\":80,\"pulse_width_us\":200,"
                    + "\"electrode_ok\":true}";
            MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            client.publish("biofeedback/v1/" + DEVICE + "/stim", m);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            String json = new String(message.getPayload(), StandardCharsets.UTF_8);
            commands.add(json);
            StimAck ack;
            synchronized (firmware) {
                ack = firmware.handle(StimCommand.parse(message.getPayload()));
            }
            MqttMessage m = new MqttMessage(ack.toJson());
            m.setQos(1);
            // publish from another thread: Paho does not allow a blocking publish inside its callback
            new Thread(() -> {
                try {
                    client.publish("biofeedback/v1/" + DEVICE + "/cmd/ack", m);
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }).start();
        }






        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    private static List<AuditEntry> awaitAudit(StimulatorCommandService service, Predicate<List<AuditEntry>> done)
            throws InterruptedException {
        Caller admin = new Caller(1, "admin", Role.ADMINISTRATOR);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<AuditEntry> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = service.audit(admin, DEVICE, 100);
            if (done.test(lines)) {
                return lines;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("audit did not reach the expected state: " + lines);
    }

    @Test
    void commandsGoOutOverMqttAcksComeBackAndSilenceStopsTheDevice(@TempDir Path data) throws Exception {
        try (ServiceUnderTest s = ServiceUnderTest.start(broker.url(), "it-stim", data,
                Map.of("spec.name", "StimulationMqttIntegrationTest",
                        "equilibrium.stimulation.lost-telemetry-timeout", "1500ms"));
             SimDevice device = new SimDevice(broker.url())) {
            StimulatorCommandService service = s.bean(StimulatorCommandService.class);
            Caller patient = new Caller(PATIENT, "patient42", Role.PATIENT);
            // the service must hear the device before it may start it
            long deadline = System.nanoTime() + WAIT.toNanos();
            StimulatorCommandService.Result start;
            do {
                device.telemetry("stopped", 0);
                Thread.sleep(100);
                start = service.command(patient, DEVICE, new CommandRequest(StimOp.START, 1000L, 80.0, 200.0));
            } while (!start.accepted() && System.nanoTime() < deadline);
            assertThat(start.accepted()).as(start.reason()).isTrue();
            String startId = start.commandId();

            List<AuditEntry> lines = awaitAudit(service, l -> l.stream().anyMatch(e -> e.kind() == AuditEntry.Kind.ACK
                    && startId.equals(e.commandId())));
            AuditEntry ack = lines.stream().filter(e -> e.kind() == AuditEntry.Kind.ACK).findFirst().orElseThrow();
            assertThat(ack.decision()).isEqualTo(AuditEntry.Decision.ACK_OK);
            assertThat(ack.op()).isEqualTo("start");
            assertThat(ack.currentMicroamps()).isEqualTo(1000L);
            assertThat(ack.applied()).contains("\"current_ua\":1000");
            assertThat(device.commands.get(0)).isEqualTo(start.wireJson());

            // a raise beyond the ramp is refused by the service; the firmware never sees it
            StimulatorCommandService.Result tooFast = service.command(patient, DEVICE,
                    new CommandRequest(StimOp.SET, 5000L, null, null));
            assertThat(tooFast.accepted()).isFalse();
            assertThat(tooFast.reason()).contains("ramp limit");

            // the device falls silent: the service stops it by itself, and the firmware acks the stop
            lines = awaitAudit(service, l -> l.stream().anyMatch(e -> "TELEMETRY_LOST".equals(e.reason()))
                    && l.stream().anyMatch(e -> e.kind() == AuditEntry.Kind.ACK && "stop".equals(e.op())));
            AuditEntry autoStop = lines.stream().filter(e -> "TELEMETRY_LOST".equals(e.reason())).findFirst()
                    .orElseThrow();
            assertThat(autoStop.actor()).isEqualTo("system");
            assertThat(device.commands).anyMatch(c -> c.equals("{\"id\":\"" + autoStop.commandId()
                    + "\",\"op\":\"stop\"}"));
            assertThat(device.commands).noneMatch(c -> c.contains("5000"));
            assertThat(service.phase(DEVICE)).isEqualTo(org.equilibrium.session.stimulation.StimulationGuard.Phase.IDLE);
        }
    }
}
