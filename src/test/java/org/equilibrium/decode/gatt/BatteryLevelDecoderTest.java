package org.equilibrium.decode.gatt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.decode.Vectors.hex;
import static org.equilibrium.decode.Vectors.reason;
import static org.equilibrium.decode.Vectors.single;

import org.equilibrium.decode.BatteryReading;
import org.equilibrium.decode.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatteryLevelDecoderTest {

    private final BatteryLevelDecoder decoder = new BatteryLevelDecoder();

    @Test
    void decodesPercentWithArrivalTime() {
        assertThat(single(decoder.decode(hex("51"), 42L), BatteryReading.class))
                .isEqualTo(new BatteryReading(42L, 81));
        assertThat(single(decoder.decode(hex("00"), 1L), BatteryReading.class).batteryPct()).isZero();
        assertThat(single(decoder.decode(hex("64"), 1L), BatteryReading.class).batteryPct()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"65", "ff"})
    void rejectsLevelsAbove100AsOutOfRange(String hex) {
        assertThat(reason(decoder.decode(hex(hex), 1L))).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "51 00"})
    void rejectsOtherLengthsAsMalformed(String hex) {
        assertThat(reason(decoder.decode(hex(hex), 1L))).isEqualTo(RejectReason.MALFORMED_BINARY);
    }
}
