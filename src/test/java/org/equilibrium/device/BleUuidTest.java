package org.equilibrium.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BleUuidTest {

    @Test
    void shortAndBaseFormsAreTheSameUuid() {
        BleUuid a = BleUuid.parse("2A37");
        assertThat(a).isEqualTo(BleUuid.parse("0x2a37")).isEqualTo(BleUuid.parse("00002a37"))
                .isEqualTo(BleUuid.parse("00002A37-0000-1000-8000-00805F9B34FB"));
        assertThat(a.value()).isEqualTo("00002a37-0000-1000-8000-00805f9b34fb");
        assertThat(a.shortForm()).contains("2a37");
        assertThat(a.compact()).isEqualTo("2a37");
    }

    @Test
    void customUuidsHaveNoShortForm() {
        BleUuid u = BleUuid.parse("E9B10001-7C1A-4D5E-9F3B-5E7175696C69");
        assertThat(u.shortForm()).isEmpty();
        assertThat(u.compact()).isEqualTo("e9b10001-7c1a-4d5e-9f3b-5e7175696c69");
    }

    @Test
    void rejectsOtherForms() {
        assertThat(BleUuid.tryParse("2a3")).isEmpty();
        assertThat(BleUuid.tryParse("2a37x")).isEmpty();
        assertThat(BleUuid.tryParse("e9b100017c1a4d5e9f3b5e7175696c69")).isEmpty();
        assertThat(BleUuid.tryParse(null)).isEmpty();
        assertThatThrownBy(() -> BleUuid.parse("heart")).hasMessageContaining("'heart' is not a Bluetooth UUID");
    }
}
