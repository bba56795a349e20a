package org.equilibrium.ingest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.ingest.GatewayListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service knows of its BLE gateways, from their MQTT topics (src/docs/ble.md): the latest scan list and
 * the online state of each, and the answers to instructions the service sent. Thread-safe: ingest workers write,
 * API threads read.
 *
 * <p>A gateway holds one MQTT connection, so its devices have no last wills of their own: when its status turns
 * offline (its will, or a clean stop), every device it reported connected in its latest scan, and every device
 * the service linked through it, is marked offline in the {@link DeviceRegistry}.
 *
 * <p>Bad payloads are logged (at most once per gateway and stream until a good one arrives) and otherwise
 * ignored; the previous scan stays.
 */
public final class GatewayDirectory implements GatewayListener {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDirectory.class);
    /** Bounds the gateways one broker can make us hold (ids come from topics anyone with access can publish). */
    static final int MAX_GATEWAYS = 1024;

    private final DeviceRegistry registry;
    private final ObjectMapper mapper;
    private final ScanParser scans;
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<GatewayAck>> pendingAcks = new ConcurrentHashMap<>();

    public GatewayDirectory(DeviceRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
        this.scans = new ScanParser(mapper);
    }

    @Override
    public void onGatewayMessage(String gatewayId, String stream, byte[] payload, long arrivalMs) {
        switch (stream) {
            case "scan" -> scan(gatewayId, payload, arrivalMs);
            case "status" -> status(gatewayId, payload);
            case "cmd/ack" -> ack(gatewayId, payload);
            default -> {
                // cmd: our own instructions, seen because ingest subscribes to everything
            }
        }
    }

    /** The latest scan of every gateway, by gateway id. */
    public List<GatewayScan> latestScans() {
        List<GatewayScan> out = new ArrayList<>();
        gateways.values().forEach(g -> {
            if (g.scan != null) {
                out.add(g.scan);
            }
        });
        out.sort(Comparator.comparing(GatewayScan::gatewayId));
        return out;
    }

    /** Online per the gateway's retained status; null when it never sent one. */
    public Boolean online(String gatewayId) {
        Gateway g = gateways.get(gatewayId);
        return g == null ? null : g.online;
    }

    /** The device at {@code address} in the gateway's latest scan. */
    public Optional<ScanEntry> find(String gatewayId, String address) {
        Gateway g = gateways.get(gatewayId);
        GatewayScan s = g == null ? null : g.scan;
        if (s == null) {
            return Optional.empty();
        }
        return s.devices().stream().filter(d -> d.address().equals(address)).findFirst();
    }

    /**
     * Registers interest in the answer to instruction {@code id} before it is published; complete with the
     * gateway's ack. The caller must {@link #forget} it when it stops waiting.
     */
    public CompletableFuture<GatewayAck> expectAck(String gatewayId, String id) {
        CompletableFuture<GatewayAck> f = new CompletableFuture<>();
        pendingAcks.put(gatewayId + "\n" + id, f);
        return f;
    }

    public void forget(String gatewayId, String id) {
        pendingAcks.remove(gatewayId + "\n" + id);
    }

    /** The service linked {@code deviceId} through this gateway: it goes offline with the gateway. */
    public void linked(String gatewayId, String deviceId) {
        Gateway g = gateway(gatewayId);
        if (g != null) {
            g.linkedDevices.add(deviceId);
        }
    }

    private void scan(String gatewayId, byte[] payload, long arrivalMs) {
        Gateway g = gateway(gatewayId);
        if (g == null) {
            return;
        }
        try {
            g.scan = scans.parse(gatewayId, payload, arrivalMs);
            g.badScanLogged = false;
        } catch (IllegalArgumentException e) {
            if (!g.badScanLogged) {
                g.badScanLogged = true;
                LOG.warn("Gateway {} sent a bad scan list, keeping the previous one: {}", gatewayId, e.getMessage());
            }
        }
    }

    private void status(String gatewayId, byte[] payload) {
        JsonNode online = field(gatewayId, "status", payload, "online");
        if (online == null || !online.isBoolean()) {
            LOG.warn("Gateway {} sent a status without a boolean 'online'; ignored", gatewayId);
            return;
        }
        Gateway g = gateway(gatewayId);
        if (g == null) {
            return;
        }
        boolean was = Boolean.TRUE.equals(g.online);
        g.online = online.booleanValue();
        if (online.booleanValue()) {
            if (!was) {
                LOG.info("Gateway {} online", gatewayId);
            }
            return;
        }
        int n = 0;
        GatewayScan s = g.scan;
        if (s != null) {
            for (ScanEntry d : s.devices()) {
                if (d.connected() && registry.markOffline(d.deviceId())) {
                    n++;
                }
            }
        }
        for (String id : g.linkedDevices) {
            if (registry.markOffline(id)) {
                n++;
            }
        }
        LOG.info("Gateway {} offline: {} of its devices marked offline", gatewayId, n);
    }

    private void ack(String gatewayId, byte[] payload) {
        JsonNode n;
        try {
            n = mapper.readTree(payload);
        } catch (IOException e) {
            LOG.warn("Gateway {} sent an ack that is not JSON; ignored", gatewayId);
            return;
        }
        if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("ok").isBoolean()) {
            LOG.warn("Gateway {} sent an ack without a text 'id' and a boolean 'ok'; ignored", gatewayId);
            return;
        }
        String id = n.get("id").textValue();
        CompletableFuture<GatewayAck> f = pendingAcks.remove(gatewayId + "\n" + id);
        if (f != null) {
            JsonNode err = n.get("error");
            f.complete(new GatewayAck(gatewayId, id, n.get("ok").booleanValue(),
                    err != null && err.isTextual() ? err.textValue() : null));
        }
    }

    private JsonNode field(String gatewayId, String stream, byte[] payload, String name) {
        try {
            JsonNode n = mapper.readTree(payload);
            return n != null && n.isObject() ? n.get(name) : null;
        } catch (IOException e) {
            LOG.warn("Gateway {} sent a {} that is not JSON; ignored", gatewayId, stream);
            return null;
        }
    }

    private Gateway gateway(String gatewayId) {
        Gateway g = gateways.get(gatewayId);
        if (g != null) {
            return g;
        }
        if (gateways.size() >= MAX_GATEWAYS) {
            LOG.warn("Already {} gateways known; ignoring gateway {}", MAX_GATEWAYS, gatewayId);
            return null;
        }
        return gateways.computeIfAbsent(gatewayId, id -> new Gateway());
    }

    private static final class Gateway {
        volatile GatewayScan scan;
        volatile Boolean online;
        volatile boolean badScanLogged;
        final Set<String> linkedDevices = ConcurrentHashMap.newKeySet();
    }
}
