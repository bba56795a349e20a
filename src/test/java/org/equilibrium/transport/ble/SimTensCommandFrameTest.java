package org.equilibrium.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.equilibrium.sim.ble.CommandFrames;
import org.junit.jupiter.api.Test;

/** The gateway's encoder against hand-computed vectors and against the simulated device's own decoder. */
class SimTensCommandFrameTest {

    private static StimCommand cmd(String json) {
        return StimCommand.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesAStartCommandAsTheDocumentedSixteenBytes() {
        byte[] f = SimTensCommandFrame.encode(cmd(
                "{\"id\":\"a\",\"op\":\"start\",\"current_ua\":9000,\"frequency_hz\":80,\"pulse_width_us\":200,"
                        + "\"duration_s\":600,\"program\":\"burst\"}"), 0x0102);
        // version 1, op 1, seq 0x0102, 9000 = 0x2328, 800 (80.0 Hz) = 0x0320, 200 = 0xC8, 600 = 0x0258, burst = 1
        assertThat(HexFormat.of().formatHex(f)).isEqualTo("01010201282300002003c8005802" + "0100");
    }

    @Test
    void marksAbsentFieldsAsUnchanged() {
        byte[] f = SimTensCommandFrame.encode(cmd("{\"id\":\"b\",\"op\":\"stop\"}"), 7);
        assertThat(HexFormat.of().formatHex(f)).isEqualTo("01020700ffffffffffffffffffffff00");
    }

    @Test
    void theSimulatedDeviceReadsWhatTheGatewayWrites() {
        byte[] f = SimTensCommandFrame.encode(cmd(
                "{\"id\":\"c\",\"op\":\"set\",\"current_ua\":12500,\"frequency_hz\":2.5,\"program\":\"modulated\"}"), 42);
        String json = new String(CommandFrames.toCommandJson(f), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"id\":\"ble-42\",\"op\":\"set\",\"current_ua\":12500,\"frequency_hz\":2.5,"
                + "\"program\":\"modulated\"}");
    }

    @Test
    void decodesTheDevicesAck() {
        SimTensCommandFrame.Ack ok = SimTensCommandFrame.decodeAck(new byte[] {1, 42, 0, 0});
        assertThat(ok.sequence()).isEqualTo(42);
        assertThat(ok.ok()).isTrue();
        SimTensCommandFrame.Ack refused = SimTensCommandFrame.decodeAck(
                CommandFrames.ackFromJson("{\"id\":\"ble-300\",\"ok\":false,\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.sequence()).isEqualTo(300);
        assertThat(refused.error()).isEqualTo("device refused the command");
        assertThatThrownBy(() -> SimTensCommandFrame.decodeAck(new byte[] {2, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesValuesTheFrameCannotCarry() {
        assertThatThrownBy(() -> SimTensCommandFrame.encode(cmd("{\"id\":\"d\",\"op\":\"set\",\"current_ua\":-1}"), 1))
                .hasMessageContaining("current_ua");
        assertThatThrownBy(() -> SimTensCommandFrame.encode(cmd("{\"id\":\"d\",\"op\":\"set\",\"program\":\"x\"}"), 1))
                .hasMessageContaining("unknown program x");
    }

    @Test
    void theDeviceRejectsAMalformedFrameWithAnAckItCanRoute() {
        byte[] f = HexFormat.of().parseHex("01090500ffffffffffffffffffffff00");
        assertThatThrownBy(() -> CommandFrames.toCommandJson(f)).isInstanceOf(CommandFrames.MalformedFrame.class)
                .hasMessage("unknown op 9");
    }
}
