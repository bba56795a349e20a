package org.equilibrium.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.device.profile.SafetyEnvelope;
import org.equilibrium.device.profile.SafetyEnvelope.Range;
import org.junit.jupiter.api.Test;

class CommandGuardTest {
    /** The equilibrium-sim-tens envelope (device-profiles/equilibrium-sim-tens.yaml). */
    private static final SafetyEnvelope TENS = new SafetyEnvelope(Modality.TENS, new Range(0, 80000),
            new Range(1, 150), new Range(50, 400), 1000, 3600);

    private static String refusal(String json) {
        return CommandGuard.refusal(StimCommand.parse(json.getBytes(StandardCharsets.UTF_8)), TENS).orElse(null);
    }

    @Test
    void refusesCurrentAboveTheProfileLimitWithTheContractsWording() {
        assertThat(refusal("{\"id\":\"1\",\"op\":\"start\",\"current_ua\":90000}"))
                .isEqualTo("current_ua 90000 exceeds profile limit 80000");
    }

    @Test
    void acceptsTheLimitItself() {
        assertThat(refusal("{\"id\":\"1\",\"op\":\"set\",\"current_ua\":80000,\"frequency_hz\":150,"
                + "\"pulse_width_us\":400,\"duration_s\":3600}")).isNull();
    }

    @Test
    void refusesFrequencyPulseWidthAndTimerOutsideTheEnvelope() {
        assertThat(refusal("{\"id\":\"1\",\"op\":\"set\",\"frequency_hz\":0.5}"))
                .isEqualTo("frequency_hz 0.5 is below profile minimum 1");
        assertThat(refusal("{\"id\":\"1\",\"op\":\"set\",\"pulse_width_us\":401}"))
                .isEqualTo("pulse_width_us 401 exceeds profile limit 400");
        assertThat(refusal("{\"id\":\"1\",\"op\":\"start\",\"duration_s\":7200}"))
                .isEqualTo("duration_s 7200 exceeds profile limit 3600");
    }

    @Test
    void stopIsAlwaysAllowedBecauseItLowersTheOutput() {
        assertThat(refusal("{\"id\":\"1\",\"op\":\"stop\",\"current_ua\":900000}")).isNull();
    }

    @Test
    void unreadableCommandsNameTheirIdWhenTheyCan() {
        assertThatThrownBy(() -> StimCommand.parse("{\"id\":\"7\",\"op\":\"start\",\"current_ua\":\"lots\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(StimCommand.InvalidCommand.class,
                        e -> {
                            assertThat(e.commandId()).isEqualTo("7");
                            assertThat(e).hasMessage("current_ua must be a finite number");
                        });
        assertThatThrownBy(() -> StimCommand.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("command is not a JSON object");
    }
}
