package org.equilibrium.sim.strap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Vectors built by hand from the Heart Rate Measurement layout (GATT Specification Supplement §3.113). */
class HeartRateMeasurementEncoderTest {
    private static String hex(HrNotification n) {
        return HexFormat.of().formatHex(HeartRateMeasurementEncoder.encode(n));
    }

    @Test
    void encodesUint8RateContactAndTwoRrIntervals() {
        // flags 0x16 = RR present | contact supported | contact detected; HR 72; RR 1024, 980 LE
        assertThat(hex(new HrNotification(0, 1, 72, new int[] {1024, 980}, true, -1))).isEqualTo("164800" + "04d403");
    }

    @Test
    void encodesNoContactWithoutRrAsSupportedButNotDetected() {
        assertThat(hex(new HrNotification(0, 1, 72, new int[0], false, -1))).isEqualTo("0448");
    }

    @Test
    void encodesEnergyExpendedBeforeRr() {
        // flags 0x1e = RR | energy | contact supported+detected; HR 72; energy 0x0123 kJ; RR 1024
        assertThat(hex(new HrNotification(0, 1, 72, new int[] {1024}, true, 0x123))).isEqualTo("1e4823010004");
    }

    @Test
    void switchesToUint16RateAbove255() {
        assertThat(hex(new HrNotification(0, 1, 300, new int[0], true, -1))).isEqualTo("072c01");
    }

    @Test
    void refusesMoreRrThanOneNotificationHolds() {
        assertThatThrownBy(() -> HeartRateMeasurementEncoder.encode(new HrNotification(0, 1, 60, new int[10], true, -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max 9");
    }

    @Test
    void jsonFormCarriesTsSeqBpmRrAndContact() {
        String json = new String(HrJsonEncoder.encode(new HrNotification(0, 7, 61, new int[] {1007, 999}, true, -1),
                1763740800123L), java.nio.charset.StandardCharsets.UTF_8);
        // 1007/1.024 = 983.398 ms, 999/1.024 = 975.586 ms
        assertThat(json).isEqualTo("{\"ts\":1763740800123,\"seq\":7,\"bpm\":61,\"rr_ms\":[983.4,975.6],\"contact\":true}");
    }
}
