package org.equilibrium.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.device.registry.DeviceStore;
import org.equilibrium.device.registry.ProfileGuess;
import org.junit.jupiter.api.Test;

class GatewayDirectoryTest {
    /** The example of src/docs/ble.md: a strap not linked, a TENS unit linked and connected. */
    private static final String SCAN = """
            {"ts": 1763740800123, "gateway": "home-pi",
             "devices": [
               {"address": "DE:B1:63:C1:39:69", "device_id": "ble-deb163c13969", "name": "Polar H10 9E154364",
                "rssi": -62, "services": ["0000180d-0000-1000-8000-00805f9b34fb", "0000180F-0000-1000-8000-00805f9b34fb"],
                "profile": "polar-h10", "kind": "hr-sensor", "linked": false, "connected": false},
               {"address": "F7:EE:B8:8C:16:4F", "device_id": "ble-f7eeb88c164f", "name": "Equilibrium TENS FBAC",
                "rssi": -54, "services": ["e9b10000-7c1a-4d5e-9f3b-5e7175696c69"],
                "profile": "equilibrium-sim-tens", "kind": "stimulator", "linked": true, "connected": true}]}
            """;

    private final DeviceRegistry registry = new DeviceRegistry(new DeviceStore() {
        @Override
        public List<DeviceRecord> loadAll() {
            return List.of();
        }

        @Override
        public void upsert(Collection<DeviceRecord> records) {
        }
    }, ProfileGuess.standard(), 60_000);
    private final GatewayDirectory directory = new GatewayDirectory(registry, new ObjectMapper());

    private void send(String gw, String stream, String payload) {
        directory.onGatewayMessage(gw, stream, payload.getBytes(StandardCharsets.UTF_8), 5_000);
    }

    private void online(String id) {
        registry.seen(new DeviceId(id), "gatt/2a37", 1_000);
        registry.onStatus(new DeviceId(id), new StatusReading(1_000, true, null, null, null, null));
    }

    @Test
    void keepsTheLatestScanOfEachGatewayWithEveryField() {
        send("home-pi", "scan", SCAN);
        GatewayScan s = directory.latestScans().get(0);
        assertThat(s.gatewayId()).isEqualTo("home-pi");
        assertThat(s.scannedMs()).isEqualTo(1_763_740_800_123L);
        assertThat(s.receivedMs()).isEqualTo(5_000);
        assertThat(s.devices()).containsExactly(
                new ScanEntry("DE:B1:63:C1:39:69", "ble-deb163c13969", "Polar H10 9E154364", -62,
                        List.of("0000180d-0000-1000-8000-00805f9b34fb", "0000180f-0000-1000-8000-00805f9b34fb"),
                        "polar-h10", "hr-sensor", false, false),
                new ScanEntry("F7:EE:B8:8C:16:4F", "ble-f7eeb88c164f", "Equilibrium TENS FBAC", -54,
                        List.of("e9b10000-7c1a-4d5e-9f3b-5e7175696c69"), "equilibrium-sim-tens", "stimulator",
                        true, true));
        assertThat(directory.find("home-pi", "F7:EE:B8:8C:16:4F")).map(ScanEntry::deviceId).contains("ble-f7eeb88c164f");
        assertThat(directory.find("other", "F7:EE:B8:8C:16:4F")).isEmpty();
        send("home-pi", "scan", "{\"ts\": 1763740802000, \"devices\": []}");
        assertThat(directory.latestScans().get(0).devices()).isEmpty();
    }

    @Test
    void aBadScanKeepsThePreviousOne() {
        send("home-pi", "scan", SCAN);
        send("home-pi", "scan", "{\"ts\": 2, \"devices\": [{\"address\": \"not an address\"}]}");
        send("home-pi", "scan", "garbage");
        assertThat(directory.latestScans().get(0).devices()).hasSize(2);
    }

    @Test
    void scanParserRejectsADeviceIdThatDoesNotMatchItsAddress() {
        ScanParser p = new ScanParser(new ObjectMapper());
        assertThatThrownBy(() -> p.parse("gw", ("{\"ts\":1,\"devices\":[{\"address\":\"DE:B1:63:C1:39:69\","
                + "\"device_id\":\"ble-000000000000\"}]}").getBytes(StandardCharsets.UTF_8), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ble-deb163c13969");
        assertThat(ScanParser.deviceIdOf("C0:FF:EE:12:34:56")).isEqualTo("ble-c0ffee123456");
    }

    @Test
    void gatewayGoingOfflineTakesItsConnectedAndLinkedDevicesOfflineOnly() {
        online("ble-f7eeb88c164f"); // connected in the scan
        online("ble-deb163c13969"); // in the scan, not connected: another gateway may hold it
        online("ble-aaaaaaaaaaaa"); // linked by the service through this gateway, not yet in a scan
        online("strap-mqtt");
        send("home-pi", "status", "{\"online\": true, \"kind\": \"ble-gateway\"}");
        send("home-pi", "scan", SCAN);
        directory.linked("home-pi", "ble-aaaaaaaaaaaa");
        assertThat(directory.online("home-pi")).isTrue();

        send("home-pi", "status", "{\"online\": false, \"kind\": \"ble-gateway\"}");

        assertThat(directory.online("home-pi")).isFalse();
        assertThat(registry.find("ble-f7eeb88c164f").orElseThrow().online()).isFalse();
        assertThat(registry.find("ble-aaaaaaaaaaaa").orElseThrow().online()).isFalse();
        assertThat(registry.find("ble-deb163c13969").orElseThrow().online()).isTrue();
        assertThat(registry.find("strap-mqtt").orElseThrow().online()).isTrue();
    }

    @Test
    void ackCompletesTheWaitingInstructionOfThatGatewayOnly() {
        CompletableFuture<GatewayAck> f = directory.expectAck("home-pi", "r9");
        send("other-gw", "cmd/ack", "{\"id\":\"r9\",\"ok\":true}");
        assertThat(f).isNotDone();
        send("home-pi", "cmd/ack", "{\"id\":\"r9\",\"ok\":false,\"address\":\"x\",\"error\":\"unknown profile foo\"}");
        assertThat(f).isCompletedWithValue(new GatewayAck("home-pi", "r9", false, "unknown profile foo"));
    }

    @Test
    void statusWithoutOnlineIsIgnored() {
        send("home-pi", "status", "{\"kind\": \"ble-gateway\"}");
        assertThat(directory.online("home-pi")).isNull();
    }
}
