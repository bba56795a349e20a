package org.equilibrium.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Device ids, topics, stream names and backoff of the gateway. */
class GatewayNamingTest {

    @Test
    void aBleDeviceIdIsBlePlusTheAddressInLowerCaseHex() {
        BleAddress a = new BleAddress("c0:ff:ee:12:34:56");
        assertThat(a.value()).isEqualTo("C0:FF:EE:12:34:56");
        assertThat(a.deviceId().value()).isEqualTo("ble-c0ffee123456");
        assertThatThrownBy(() -> new BleAddress("C0:FF:EE:12:34")).hasMessageContaining("not a Bluetooth address");
    }

    @Test
    void topicsFollowTheContractWithTheDeploymentPrefix() {
        GatewayTopics t = new GatewayTopics("tenant7", "home-pi");
        assertThat(t.scan()).isEqualTo("tenant7/biofeedback/v1/gateway/home-pi/scan");
        assertThat(t.cmdAck()).isEqualTo("tenant7/biofeedback/v1/gateway/home-pi/cmd/ack");
        assertThat(t.device(new BleAddress("C0:FF:EE:12:34:56").deviceId(), "gatt/2a37"))
                .isEqualTo("tenant7/biofeedback/v1/ble-c0ffee123456/gatt/2a37");
        assertThat(t.commandTarget("tenant7/biofeedback/v1/ble-c0ffee123456/cmd")).isEqualTo("ble-c0ffee123456");
        assertThat(t.commandTarget("tenant7/biofeedback/v1/ble-c0ffee123456/cmd/ack")).isNull();
        assertThat(t.commandTarget("biofeedback/v1/ble-c0ffee123456/cmd")).isNull();
        assertThatThrownBy(() -> new GatewayTopics("", "bad/id")).hasMessageContaining("gateway id");
    }

    @Test
    void sigCharacteristicsUseTheShortStreamNameOthersTheFullUuid() {
        assertThat(GatewayWorker.stream("00002A37-0000-1000-8000-00805F9B34FB")).isEqualTo("gatt/2a37");
        assertThat(GatewayWorker.stream(SimTensCommandFrame.TELEMETRY_UUID))
                .isEqualTo("gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69");
    }

    @Test
    void backoffDoublesToItsCapAndStartsOverAfterASuccess() {
        Backoff b = new Backoff(500, 3000);
        assertThat(new long[] {b.next(), b.next(), b.next(), b.next(), b.next()})
                .containsExactly(500, 1000, 2000, 3000, 3000);
        b.reset();
        assertThat(b.next()).isEqualTo(500);
    }

    @Test
    void optionsRequireABrokerAndRoundTripToTheWorker() {
        assertThatThrownBy(() -> GatewayOptions.parse(new String[] {"--adapter", "hci1"}))
                .hasMessage("--broker is required");
        GatewayOptions o = GatewayOptions.parse(new String[] {"--broker", "tcp://h:1883", "--gateway-id", "g1",
                "--prefix", "t/", "--adapter", "hci1"});
        assertThat(GatewayOptions.parse(o.toArgs().toArray(String[]::new))).isEqualTo(o);
    }
}
