package org.equilibrium.transport.ble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.device.BleUuid;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileLoader;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.device.profile.StreamSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tinyb.BluetoothAdapter;
import tinyb.BluetoothDevice;
import tinyb.BluetoothException;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothGattService;
import tinyb.BluetoothManager;

/**
 * The BLE gateway's worker process: TinyB over BlueZ on one side, MQTT on the other.
 *
 * <p>Every TinyB call is made from one thread, the link loop, and only by polling ({@code getDevices},
 * {@code getServices}, {@code getCharacteristics}): TinyB's blocking {@code find(…, timeout)} crashed the JVM
 * in its event handler in about half the runs we tried, polling never did. TinyB's notification callbacks
 * only hand the bytes on: data goes to the publisher queue stamped with its arrival time, command acks to the
 * loop's inbox.
 *
 * <p>Per linked device the loop runs: WAITING (backoff) → RESOLVING (connected, waiting for the GATT objects)
 * → STREAMING; a lost link (Connected false, or the device object gone because BlueZ vanished) publishes the
 * device's status offline and returns to WAITING with backoff; the first connection after a loss publishes a
 * {@code gap} message so the service does not take the silence for one long RR interval.
 */
public final class GatewayWorker {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long LOOP_MS = 100;
    static final long RESOLVE_TIMEOUT_MS = 10_000;
    static final long BACKOFF_INITIAL_MS = 500;
    static final long BACKOFF_MAX_MS = 10_000;
    /** Exit codes: the supervisor restarts on any but {@link #EXIT_OK} and {@link #EXIT_USAGE}. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NO_BLUEZ = 3;
    public static final int EXIT_NO_BROKER = 4;

    private final GatewayOptions options;
    private final GatewayTopics topics;
    private final ProfileRegistry profiles;
    private final MqttClient mqtt;
    private final BluetoothManager manager;
    private final Map<BleAddress, Link> links = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Outbound> outbox = new LinkedBlockingQueue<>(50_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Map<Integer, PendingCommand> pending = new HashMap<>();
    private int nextSequence = 1;
    private volatile boolean running = true;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private String lastScan = "";
    private long lastScanPublishMs;
    private long nextScanMs;
    private long nextAdapterCheckMs;

    private record Outbound(String topic, byte[] payload, int qos, boolean retained, long tsEpochMs) {
    }

    private record PendingCommand(String id, DeviceId device) {
    }

    enum State {
        WAITING, RESOLVING, STREAMING
    }

    /** One linked device. Loop thread only, except {@link #lastArrivalMs}. */
    private final class Link {
        final LinkInstruction instruction;
        final DeviceProfile profile;
        final DeviceId id;
        final boolean simStimulator;
        final Backoff backoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
        State state = State.WAITING;
        long nextAttemptMs;
        long resolveDeadlineMs;
        BluetoothDevice device;
        final List<BluetoothGattCharacteristic> held = new ArrayList<>();
        BluetoothGattCharacteristic command;
        volatile long lastArrivalMs;
        long gapFromMs = -1;
        int attempts;
        Integer batteryPct;

        Link(LinkInstruction instruction, DeviceProfile profile) {
            this.instruction = instruction;
            this.profile = profile;
            this.id = instruction.address().deviceId();
            this.simStimulator = profile.bleStreams().stream()
                    .anyMatch(s -> s.service().value().equals(SimTensCommandFrame.SERVICE_UUID));
        }

        /** Characteristics to find before streaming: the instruction's, plus command and ack for sim units. */
        List<String> wanted() {
            List<String> w = new ArrayList<>();
            instruction.characteristics().forEach(u -> w.add(u.value()));
            if (simStimulator) {
                w.add(SimTensCommandFrame.COMMAND_UUID);
                w.add(SimTensCommandFrame.ACK_UUID);
            }
            return w;
        }
    }

    private GatewayWorker(GatewayOptions options, ProfileRegistry profiles, MqttClient mqtt, BluetoothManager manager) {
        this.options = options;
        this.topics = options.topics();
        this.profiles = profiles;
        this.mqtt = mqtt;
        this.manager = manager;
    }

    /** {@code ble-gateway-worker}: runs until SIGTERM; returns the exit code. */
    public static int main(String[] args) {
        GatewayOptions o;
        try {
            o = GatewayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ble-gateway-worker: " + e.getMessage());
            return EXIT_USAGE;
        }
        ProfileRegistry registry;
        try {
            registry = ProfileLoader.requireAny(new ProfileLoader(DecoderRegistry.standard()).load(o.profilesDir()));
        } catch (RuntimeException e) {
            System.err.println("ble-gateway-worker: no device profiles in " + o.profilesDir() + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        BluetoothManager manager;
        try {
            manager = BluetoothManager.getBluetoothManager();
            selectAdapter(manager, o.adapter());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            // TinyB reports a missing bus, a missing org.bluez and a missing adapter alike as exceptions here.
            System.err.println("ble-gateway-worker: BlueZ is not available ("
                    + System.getenv().getOrDefault("DBUS_SYSTEM_BUS_ADDRESS", "system bus") + "): " + e);
            return EXIT_NO_BLUEZ;
        }
        MqttClient mqtt;
        try {
            mqtt = new MqttClient(o.broker(), "eq-ble-" + o.gatewayId(), new MemoryPersistence());
        } catch (MqttException e) {
            System.err.println("ble-gateway-worker: bad broker " + o.broker() + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        GatewayWorker w = new GatewayWorker(o, registry, mqtt, manager);
        try {
            w.connectMqtt();
        } catch (MqttException e) {
            System.err.println("ble-gateway-worker: cannot reach MQTT broker " + o.broker() + ": " + e.getMessage());
            return EXIT_NO_BROKER;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(w::stop, "ble-gateway-stop"));
        w.run();
        return EXIT_OK;
    }

    static void selectAdapter(BluetoothManager manager, String wanted) {
        List<BluetoothAdapter> adapters = manager.getAdapters();
        if (adapters.isEmpty()) {
            throw new IllegalStateException("no Bluetooth adapter");
        }
        BluetoothAdapter chosen = null;
        if (wanted.matches("hci[0-9]+")) {
            int n = Integer.parseInt(wanted.substring(3));
            if (n < adapters.size()) {
                chosen = adapters.get(n);
            }
        } else {
            for (BluetoothAdapter a : adapters) {
                if (a.getAddress().equalsIgnoreCase(wanted)) {
                    chosen = a;
                }
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no adapter " + wanted + " (BlueZ lists " + adapters.size() + ")");
        }
        manager.setDefaultAdapter(chosen);
    }

    private void connectMqtt() throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 10);
        o.setKeepAliveInterval(15);
        o.setConnectionTimeout(10);
        o.setWill(topics.status(), new MqttMessage(gatewayStatus(false), 1, true, new MqttProperties()));
        mqtt.setCallback(new Callback());
        mqtt.connect(o);
        subscribe();
    }

    private void subscribe() throws MqttException {
        mqtt.subscribe(new String[] {topics.cmd(), topics.deviceCommands()}, new int[] {1, 1});
        mqtt.publish(topics.status(), gatewayStatus(true), 1, true);
    }

    private byte[] gatewayStatus(boolean online) {
        ObjectNode n = JSON.createObjectNode().put("online", online).put("kind", "ble-gateway")
                .put("adapter", options.adapter()).put("ts", System.currentTimeMillis());
        return bytes(n);
    }

    // ---- the loop ----------------------------------------------------------------------------------------

    private void run() {
        Thread publisher = new Thread(this::publishLoop, "ble-gateway-publish");
        publisher.setDaemon(true);
        publisher.start();
        loadState();
        LOG.info("BLE gateway {} running: broker {}, {} linked device(s)", options.gatewayId(), options.broker(),
                links.size());
        try {
            while (running) {
                long now = System.currentTimeMillis();
                Runnable r;
                while ((r = inbox.poll()) != null) {
                    r.run();
                }
                List<BluetoothDevice> present = devices();
                if (now >= nextAdapterCheckMs) {
                    nextAdapterCheckMs = now + 1000;
                    ensureDiscovery();
                    saveArrivalsIfChanged();
                }
                if (now >= nextScanMs) {
                    nextScanMs = now + options.scanPeriodMs();
                    publishScan(present, now);
                }
                Set<String> addresses = new HashSet<>();
                present.forEach(d -> addresses.add(d.getAddress().toUpperCase(Locale.ROOT)));
                for (Link l : links.values()) {
                    tick(l, addresses, now);
                }
                present.forEach(GatewayWorker::release);
                sleep(LOOP_MS);
            }
        } finally {
            for (Link l : links.values()) {
                if (l.state == State.STREAMING) {
                    publishStatus(l, false, "gateway-stopped");
                }
            }
            saveState(); // with each link's last arrival, so the next worker can mark the gap
            enqueue(topics.status(), gatewayStatus(false), 1, true, 0);
            drainOutbox(2000);
            stopped.countDown();
        }
    }

    private void stop() {
        running = false;
        try {
            stopped.await(4, TimeUnit.SECONDS);
            if (mqtt.isConnected()) {
                mqtt.disconnect(1000);
            }
            mqtt.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.getMessage());
        }
    }

    private List<BluetoothDevice> devices() {
        try {
            return manager.getDevices();
        } catch (RuntimeException e) {
            LOG.warn("BlueZ device list failed: {}", e.getMessage());
            return List.of();
        }
    }

    /** Keeps the adapter discovering; after BlueZ came back its adapter is a new object, not discovering. */
    private void ensureDiscovery() {
        try {
            List<BluetoothAdapter> adapters = manager.getAdapters();
            if (adapters.isEmpty()) {
                return;
            }
            selectAdapter(manager, options.adapter());
            BluetoothAdapter a = adapters.get(0);
            for (BluetoothAdapter x : adapters) {
                if (options.adapter().equalsIgnoreCase(x.getAddress())) {
                    a = x;
                }
            }
            if (!a.getDiscovering()) {
                a.startDiscovery();
                LOG.info("Discovery started on adapter {}", a.getAddress());
            }
            adapters.forEach(GatewayWorker::release);
        } catch (RuntimeException e) {
            LOG.warn("Cannot start discovery: {}", e.getMessage());
        }
    }

    private void publishScan(List<BluetoothDevice> present, long now) {
        ArrayNode list = JSON.createArrayNode();
        for (BluetoothDevice d : present) {
            BleAddress address;
            try {
                address = new BleAddress(d.getAddress());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String name = d.getName();
            List<String> uuids = Arrays.asList(d.getUUIDs());
            ObjectNode e = list.addObject().put("address", address.value())
                    .put("device_id", address.deviceId().value()).put("name", name).put("rssi", (int) d.getRSSI());
            ArrayNode su = e.putArray("services");
            uuids.forEach(u -> su.add(u.toLowerCase(Locale.ROOT)));
            Optional<DeviceProfile> p = profiles.matchBle(name, uuids);
            if (p.isPresent()) {
                e.put("profile", p.get().id()).put("kind", p.get().kind().yamlName());
            } else {
                e.putNull("profile");
            }
            Link l = links.get(address);
            e.put("linked", l != null).put("connected", l != null && l.state == State.STREAMING);
        }
        String body = list.toString();
        if (!body.equals(lastScan) || now - lastScanPublishMs >= 10 * options.scanPeriodMs()) {
            lastScan = body;
            lastScanPublishMs = now;
            ObjectNode msg = JSON.createObjectNode().put("ts", now).put("gateway", options.gatewayId());
            msg.set("devices", list);
            enqueue(topics.scan(), bytes(msg), 1, true, 0);
        }
    }

    private void tick(Link l, Set<String> present, long now) {
        try {
            switch (l.state) {
                case WAITING -> {
                    if (now < l.nextAttemptMs) {
                        return;
                    }
                    l.attempts++;
                    BluetoothDevice d = find(l.instruction.address());
                    if (d == null) {
                        retry(l, now, "not in range");
                        return;
                    }
                    l.device = d;
                    if (!d.getConnected() && !d.connect()) {
                        retry(l, now, "connect refused");
                        return;
                    }
                    l.state = State.RESOLVING;
                    l.resolveDeadlineMs = now + RESOLVE_TIMEOUT_MS;
                }
                case RESOLVING -> {
                    if (!present.contains(l.instruction.address().value()) || !l.device.getConnected()) {
                        retry(l, now, "link lost while resolving services");
                        return;
                    }
                    Map<String, BluetoothGattCharacteristic> found = characteristics(l.device);
                    List<String> missing = new ArrayList<>(l.wanted());
                    missing.removeAll(found.keySet());
                    if (!missing.isEmpty()) {
                        found.values().forEach(GatewayWorker::release);
                        if (now > l.resolveDeadlineMs) {
                            retry(l, now, "characteristics not found: " + missing);
                        }
                        return;
                    }
                    startStreaming(l, found, now);
                }
                case STREAMING -> {
                    if (!present.contains(l.instruction.address().value()) || !l.device.getConnected()) {
                        lost(l, now);
                    }
                }
            }
        } catch (BluetoothException e) {
            retry(l, now, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{}: unexpected error, retrying", l.id, e);
            retry(l, now, e.toString());
        }
    }

    private void startStreaming(Link l, Map<String, BluetoothGattCharacteristic> found, long now) {
        for (Map.Entry<String, BluetoothGattCharacteristic> e : found.entrySet()) {
            String uuid = e.getKey();
            BluetoothGattCharacteristic c = e.getValue();
            if (!l.wanted().contains(uuid)) {
                release(c);
                continue;
            }
            l.held.add(c);
            if (uuid.equals(SimTensCommandFrame.COMMAND_UUID)) {
                l.command = c;
                continue;
            }
            List<String> flags = Arrays.asList(c.getFlags());
            if (uuid.equals(SimTensCommandFrame.ACK_UUID)) {
                c.enableValueNotifications(v -> inbox.add(() -> onAck(l, v)));
                continue;
            }
            String stream = stream(uuid);
            if (flags.contains("read")) {
                byte[] v = c.readValue();
                if (v.length > 0) {
                    onValue(l, stream, v);
                }
            }
            if (flags.contains("notify") || flags.contains("indicate")) {
                // The callback only hands the bytes on, stamped with their arrival time.
                c.enableValueNotifications(v -> onValue(l, stream, v));
            }
        }
        l.state = State.STREAMING;
        l.backoff.reset();
        l.attempts = 0;
        publishStatus(l, true, null);
        if (l.gapFromMs >= 0) {
            ObjectNode gap = JSON.createObjectNode().put("from_ms", l.gapFromMs).put("to_ms", now)
                    .put("reason", "link-lost");
            enqueue(topics.device(l.id, "gap"), bytes(gap), 1, false, 0);
            l.gapFromMs = -1;
        }
        LOG.info("{} ({}) streaming {}", l.id, l.profile.id(), l.wanted());
    }

    private void onValue(Link l, String stream, byte[] value) {
        long now = System.currentTimeMillis();
        l.lastArrivalMs = now;
        if (stream.equals("gatt/2a19") && value.length == 1) {
            int pct = value[0] & 0xFF;
            inbox.add(() -> batteryChanged(l, pct));
        }
        enqueue(topics.device(l.id, stream), value, 0, false, now);
    }

    private void batteryChanged(Link l, int pct) {
        if (l.batteryPct == null || l.batteryPct != pct) {
            l.batteryPct = pct;
            if (l.state == State.STREAMING) {
                publishStatus(l, true, null);
            }
        }
    }

    private void lost(Link l, long now) {
        LOG.info("{}: link lost", l.id);
        publishStatus(l, false, "link-lost");
        l.gapFromMs = l.lastArrivalMs > 0 ? l.lastArrivalMs : now;
        releaseLink(l);
        l.state = State.WAITING;
        l.nextAttemptMs = now + l.backoff.next();
    }

    private void retry(Link l, long now, String reason) {
        if (l.state == State.STREAMING) {
            lost(l, now);
            return;
        }
        long delay = l.backoff.next();
        if (l.attempts <= 3 || l.attempts % 20 == 0) {
            LOG.info("{}: connection attempt {} failed ({}); next in {} ms", l.id, l.attempts, reason, delay);
        }
        releaseLink(l);
        l.state = State.WAITING;
        l.nextAttemptMs = now + delay;
    }

    private void releaseLink(Link l) {
        l.held.forEach(GatewayWorker::release);
        l.held.clear();
        l.command = null;
        if (l.device != null) {
            release(l.device);
            l.device = null;
        }
    }

    private BluetoothDevice find(BleAddress address) {
        BluetoothDevice match = null;
        for (BluetoothDevice d : devices()) {
            if (match == null && d.getAddress().equalsIgnoreCase(address.value())) {
                match = d;
            } else {
                release(d);
            }
        }
        return match;
    }

    private static Map<String, BluetoothGattCharacteristic> characteristics(BluetoothDevice d) {
        Map<String, BluetoothGattCharacteristic> out = new LinkedHashMap<>();
        for (BluetoothGattService s : d.getServices()) {
            for (BluetoothGattCharacteristic c : s.getCharacteristics()) {
                String uuid = BleUuid.tryParse(c.getUUID()).map(BleUuid::value).orElse(c.getUUID());
                BluetoothGattCharacteristic prior = out.putIfAbsent(uuid, c);
                if (prior != null) {
                    release(c);
                }
            }
            release(s);
        }
        return out;
    }

    static String stream(String uuid) {
        BleUuid u = BleUuid.parse(uuid);
        return "gatt/" + u.shortForm().orElse(u.value());
    }

    private void publishStatus(Link l, boolean online, String reason) {
        ObjectNode n = JSON.createObjectNode().put("online", online).put("model", l.profile.id())
                .put("transport", "ble").put("address", l.instruction.address().value())
                .put("gateway", options.gatewayId());
        if (online && l.device != null) {
            n.put("rssi", (int) l.device.getRSSI());
        }
        if (l.batteryPct != null) {
            n.put("battery_pct", l.batteryPct);
        }
        if (reason != null) {
            n.put("reason", reason);
        }
        enqueue(topics.device(l.id, "status"), bytes(n), 1, true, 0);
    }

    // ---- instructions from the service --------------------------------------------------------------------

    private void onGatewayCommand(byte[] payload) {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            gatewayAck(null, false, "instruction is not JSON", null);
            return;
        }
        String id = n.path("id").asText(null);
        String op = n.path("op").asText("");
        BleAddress address;
        try {
            address = new BleAddress(n.path("address").asText(null));
        } catch (IllegalArgumentException e) {
            gatewayAck(id, false, e.getMessage(), null);
            return;
        }
        switch (op) {
            case "connect" -> connectInstruction(id, address, n);
            case "disconnect" -> {
                Link l = links.remove(address);
                if (l == null) {
                    gatewayAck(id, false, "device " + address + " is not linked", address);
                    return;
                }
                if (l.device != null && l.state != State.WAITING) {
                    try {
                        l.device.disconnect();
                    } catch (RuntimeException e) {
                        LOG.info("{}: disconnect: {}", l.id, e.getMessage());
                    }
                }
                releaseLink(l);
                publishStatus(l, false, "unlinked");
                saveState();
                gatewayAck(id, true, null, address);
            }
            default -> gatewayAck(id, false, "op must be connect or disconnect, got '" + op + "'", address);
        }
    }

    private void connectInstruction(String id, BleAddress address, JsonNode n) {
        Optional<DeviceProfile> profile;
        if (n.hasNonNull("profile")) {
            profile = profiles.byId(n.get("profile").asText());
            if (profile.isEmpty()) {
                gatewayAck(id, false, "unknown profile " + n.get("profile").asText(), address);
                return;
            }
        } else {
            BluetoothDevice d = find(address);
            if (d == null) {
                gatewayAck(id, false, "device " + address + " was not seen in the scan; name its profile", address);
                return;
            }
            profile = profiles.matchBle(d.getName(), Arrays.asList(d.getUUIDs()));
            release(d);
            if (profile.isEmpty()) {
                gatewayAck(id, false, "no profile matches device " + address, address);
                return;
            }
        }
        List<BleUuid> chars = new ArrayList<>();
        if (n.has("characteristics")) {
            for (JsonNode c : n.get("characteristics")) {
                Optional<BleUuid> u = BleUuid.tryParse(c.asText());
                if (u.isEmpty()) {
                    gatewayAck(id, false, "not a UUID: " + c, address);
                    return;
                }
                chars.add(u.get());
            }
        } else {
            profile.get().bleStreams().stream().map(StreamSpec.BleStream::characteristic).forEach(chars::add);
        }
        if (chars.isEmpty()) {
            gatewayAck(id, false, "profile " + profile.get().id() + " has no BLE characteristics", address);
            return;
        }
        LinkInstruction li = new LinkInstruction(address, profile.get().id(), chars);
        Link prior = links.get(address);
        if (prior != null && prior.instruction.equals(li)) {
            gatewayAck(id, true, null, address);
            return;
        }
        if (prior != null) {
            releaseLink(prior);
        }
        links.put(address, new Link(li, profile.get()));
        saveState();
        gatewayAck(id, true, null, address);
    }

    private void gatewayAck(String id, boolean ok, String error, BleAddress address) {
        ObjectNode n = JSON.createObjectNode();
        if (id == null) {
            n.putNull("id");
        } else {
            n.put("id", id);
        }
        n.put("ok", ok);
        if (address != null) {
            n.put("address", address.value()).put("device_id", address.deviceId().value());
        }
        if (error != null) {
            n.put("error", error);
        }
        enqueue(topics.cmdAck(), bytes(n), 1, false, 0);
    }

    /** A contract {@code cmd} for one of our stimulators: checked against the profile, then written. */
    private void onDeviceCommand(String deviceId, byte[] payload) {
        Link l = null;
        for (Link x : links.values()) {
            if (x.id.value().equals(deviceId)) {
                l = x;
            }
        }
        if (l == null) {
            return; // not one of ours: another gateway's or an MQTT device
        }
        StimCommand c;
        try {
            c = StimCommand.parse(payload);
        } catch (StimCommand.InvalidCommand e) {
            deviceAck(l.id, e.commandId(), false, e.getMessage());
            return;
        }
        if (l.profile.safetyEnvelope().isEmpty()) {
            deviceAck(l.id, c.id(), false, "device " + deviceId + " (" + l.profile.id() + ") takes no commands");
            return;
        }
        Optional<String> refusal = CommandGuard.refusal(c, l.profile.safetyEnvelope().get());
        if (refusal.isPresent()) {
            LOG.warn("{}: refused command {}: {}", l.id, c.id(), refusal.get());
            deviceAck(l.id, c.id(), false, refusal.get());
            return;
        }
        if (!l.simStimulator) {
            deviceAck(l.id, c.id(), false, "profile " + l.profile.id() + " defines no BLE command protocol");
            return;
        }
        if (l.state != State.STREAMING || l.command == null) {
            deviceAck(l.id, c.id(), false, "device " + deviceId + " is not connected");
            return;
        }
        int seq = nextSequence;
        nextSequence = nextSequence % 0xFFFF + 1;
        byte[] frame;
        try {
            frame = SimTensCommandFrame.encode(c, seq);
        } catch (IllegalArgumentException e) {
            deviceAck(l.id, c.id(), false, e.getMessage());
            return;
        }
        try {
            pending.put(seq, new PendingCommand(c.id(), l.id));
            l.command.writeValue(frame);
        } catch (RuntimeException e) {
            pending.remove(seq);
            deviceAck(l.id, c.id(), false, "write failed: " + e.getMessage());
        }
    }

    private void onAck(Link l, byte[] value) {
        SimTensCommandFrame.Ack a;
        try {
            a = SimTensCommandFrame.decodeAck(value);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: unreadable ack: {}", l.id, e.getMessage());
            return;
        }
        PendingCommand p = pending.remove(a.sequence());
        if (p != null) {
            deviceAck(p.device(), p.id(), a.ok(), a.error());
        }
    }

    private void deviceAck(DeviceId device, String id, boolean ok, String error) {
        ObjectNode n = JSON.createObjectNode();
        if (id == null) {
            n.putNull("id");
        } else {
            n.put("id", id);
        }
        n.put("ok", ok);
        if (error != null) {
            n.put("error", error);
        }
        enqueue(topics.device(device, "cmd/ack"), bytes(n), 1, false, 0);
    }

    // ---- state across restarts ----------------------------------------------------------------------------

    private Path stateFile() {
        return options.stateDir().resolve("links.json");
    }

    private void saveState() {
        ArrayNode a = JSON.createArrayNode();
        for (Link l : links.values()) {
            ObjectNode n = a.addObject().put("address", l.instruction.address().value())
                    .put("profile", l.instruction.profileId());
            long gapFrom = l.state == State.STREAMING ? l.lastArrivalMs : l.gapFromMs;
            if (gapFrom > 0) {
                n.put("last_arrival_ms", gapFrom);
            }
            ArrayNode cs = n.putArray("characteristics");
            l.instruction.characteristics().forEach(u -> cs.add(u.value()));
        }
        try {
            Files.createDirectories(options.stateDir());
            Path tmp = options.stateDir().resolve("links.json.part");
            Files.writeString(tmp, a.toPrettyString(), StandardCharsets.UTF_8);
            Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("Cannot save links to {}: {} (a restart will forget them)", stateFile(), e.getMessage());
        }
    }

    private long savedArrivalsSum;

    /**
     * Once a second: persists the links' last arrival times, so that a worker that died without a word (native
     * crash, SIGKILL) is followed by one that still marks the gap, at most a second early.
     */
    private void saveArrivalsIfChanged() {
        long sum = 0;
        for (Link l : links.values()) {
            sum += l.lastArrivalMs;
        }
        if (sum != savedArrivalsSum) {
            savedArrivalsSum = sum;
            saveState();
        }
    }

    private void loadState() {
        if (!Files.exists(stateFile())) {
            return;
        }
        try {
            for (JsonNode n : JSON.readTree(stateFile().toFile())) {
                BleAddress address = new BleAddress(n.path("address").asText(null));
                Optional<DeviceProfile> p = profiles.byId(n.path("profile").asText(""));
                if (p.isEmpty()) {
                    LOG.warn("Link to {} names unknown profile {}; skipped", address, n.path("profile").asText());
                    continue;
                }
                List<BleUuid> chars = new ArrayList<>();
                n.path("characteristics").forEach(c -> chars.add(BleUuid.parse(c.asText())));
                Link l = new Link(new LinkInstruction(address, p.get().id(), chars), p.get());
                // The previous worker's last data: the first connection of this one closes that gap.
                l.gapFromMs = n.path("last_arrival_ms").asLong(-1);
                links.put(address, l);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot read links from {}: {}; starting with none", stateFile(), e.getMessage());
        }
    }

    // ---- MQTT ---------------------------------------------------------------------------------------------

    private void enqueue(String topic, byte[] payload, int qos, boolean retained, long tsEpochMs) {
        if (!outbox.offer(new Outbound(topic, payload, qos, retained, tsEpochMs))) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("Publish queue full: {} messages dropped so far", n);
            }
        }
    }

    private void publishLoop() {
        while (true) {
            Outbound o;
            try {
                o = outbox.take();
            } catch (InterruptedException e) {
                return;
            }
            publish(o);
        }
    }

    private void drainOutbox(long maxMs) {
        long deadline = System.currentTimeMillis() + maxMs;
        while (!outbox.isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(10);
        }
    }

    private void publish(Outbound o) {
        try {
            MqttProperties props = new MqttProperties();
            if (o.tsEpochMs() > 0) {
                props.setUserProperties(List.of(new UserProperty("ts", Long.toString(o.tsEpochMs()))));
            }
            MqttMessage m = new MqttMessage(o.payload(), o.qos(), o.retained(), props);
            mqtt.publish(o.topic(), m);
        } catch (MqttException e) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("Publish to {} failed ({} lost so far): {}", o.topic(), n, e.getMessage());
            }
        }
    }

    /** Never throws: Paho drops the connection when a callback does. Work goes to the loop's inbox. */
    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (message.isRetained()) {
                // A retained command would be replayed at every (re)start of the gateway, e.g. restarting a
                // stimulator after a crash: instructions and commands count only when sent live.
                LOG.warn("Ignored a retained message on {}: commands must not be retained", topic);
                return;
            }
            byte[] payload = message.getPayload();
            if (topic.equals(topics.cmd())) {
                inbox.add(() -> onGatewayCommand(payload));
                return;
            }
            String device = topics.commandTarget(topic);
            if (device != null) {
                inbox.add(() -> onDeviceCommand(device, payload));
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                try {
                    subscribe();
                } catch (MqttException e) {
                    LOG.warn("Resubscribe after reconnect failed: {}", e.getMessage());
                }
                // The broker may have restarted without its retained messages.
                inbox.add(() -> links.values().stream().filter(l -> l.state == State.STREAMING)
                        .forEach(l -> publishStatus(l, true, null)));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT connection lost: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void release(tinyb.BluetoothObject o) {
        try {
            o.close();
        } catch (RuntimeException e) {
            LOG.debug("TinyB close: {}", e.getMessage());
        }
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
