package org.equilibrium.session.stimulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandAckCodecTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheContractRefusal() {
        // shared/contracts/mqtt-wire.md, cmd/ack example
        assertThat(CommandAckCodec.parse(utf8(
                "{\"id\": \"c0ffee01\", \"ok\": false, \"error\": \"current_ua 90000 exceeds profile limit 80000\"}")))
                .contains(new CommandAck("c0ffee01", false, "current_ua 90000 exceeds profile limit 80000", null, null));
    }

    @Test
    void readsTheSimulatorsAppliedObject() {
        assertThat(CommandAckCodec.parse(utf8("{\"id\":\"a1\",\"ok\":true,\"applied\":{\"op\":\"set\",\"program\":"
                + "\"conventional\",\"frequency_hz\":80.0,\"pulse_width_us\":200,\"current_ua\":12500.7,"
                + "\"ramp_ua_per_s\":2000}}")))
                .contains(new CommandAck("a1", true, null, 12500L, "{\"op\":\"set\",\"program\":\"conventional\","
                        + "\"frequency_hz\":80.0,\"pulse_width_us\":200,\"current_ua\":12500.7,\"ramp_ua_per_s\":2000}"));
    }

    @Test
    void rejectsWhatIsNotAnAck() {
        assertThat(CommandAckCodec.parse(utf8("{\"ok\":true}"))).isEmpty();
        assertThat(CommandAckCodec.parse(utf8("{\"id\":\"x\",\"ok\":\"yes\"}"))).isEmpty();
        assertThat(CommandAckCodec.parse(utf8("[1,2]"))).isEmpty();
        assertThat(CommandAckCodec.parse(utf8("{\"id\":\"x\",\"ok\":true"))).isEmpty();
        assertThat(CommandAckCodec.parse(new byte[CommandAckCodec.MAX_BYTES + 1])).isEmpty();
        assertThat(CommandAckCodec.parse(new byte[0])).isEmpty();
    }
}
