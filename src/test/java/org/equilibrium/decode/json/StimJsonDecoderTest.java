package org.equilibrium.decode.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.decode.Vectors.reason;
import static org.equilibrium.decode.Vectors.single;
import static org.equilibrium.decode.Vectors.utf8;

import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StimReading;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.decode.StimReading.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StimJsonDecoderTest {

    private final StimJsonDecoder decoder = new StimJsonDecoder();

    private StimReading ok(String json) {
        return single(decoder.decode(utf8(json), 0), StimReading.class);
    }

    private RejectReason rejected(String json) {
        return reason(decoder.decode(utf8(json), 0));
    }

    @Test
    void decodesTheContractExampleExactly() {
        StimReading r = ok("""
                {"ts": 1763740800123, "seq": 77, "modality": "tens", "state": "running",
                 "program": "burst", "channel": 1, "frequency_hz": 80.0, "pulse_width_us": 200,
                 "current_ua": 12500, "electrode_ok": true, "impedance_ohm": 1500,
                 "battery_pct": 81, "remaining_s": 1200}""");
        assertThat(r).isEqualTo(new StimReading(1763740800123L, 77L, Modality.TENS, State.RUNNING, "burst", 1, 80.0,
                200.0, 12500.0, true, 1500.0, 81, 1200));
        assertThat(r.fault()).isNull();
    }

    @Test
    void stoppedDeviceNeedsOnlyTheRequiredFieldsAndDefaultsToChannelOne() {
        StimReading r = ok("{\"ts\":1,\"modality\":\"microcurrent\",\"state\":\"stopped\"}");
        assertThat(r).isEqualTo(new StimReading(1, null, Modality.MICROCURRENT, State.STOPPED, null, 1, null, null,
                null, null, null, null, null));
    }

    @Test
    void runningMicrocurrentDoesNotNeedPulseWidth() {
        StimReading r = ok("{\"ts\":1,\"modality\":\"microcurrent\",\"state\":\"running\",\"frequency_hz\":0.5,"
                + "\"current_ua\":300}");
        assertThat(r.frequencyHz()).isEqualTo(0.5);
        assertThat(r.currentMicroamps()).isEqualTo(300.0);
        assertThat(r.pulseWidthUs()).isNull();
    }

    @Test
    void frequencyZeroIsAllowedOutsideRunning() {
        assertThat(ok("{\"ts\":1,\"modality\":\"tens\",\"state\":\"paused\",\"frequency_hz\":0,\"channel\":2}")
                .channel()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"modality\":\"tens\",\"state\":\"stopped\"}",
            "{\"ts\":1,\"state\":\"stopped\"}",
            "{\"ts\":1,\"modality\":\"tens\"}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"running\",\"pulse_width_us\":200,\"current_ua\":1}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"running\",\"frequency_hz\":80,\"current_ua\":1}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"running\",\"frequency_hz\":80,\"pulse_width_us\":200}",
            "{\"ts\":1,\"modality\":\"microcurrent\",\"state\":\"running\",\"current_ua\":100}"})
    void rejectsMissingRequiredAndRequiredWhenRunningFields(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ts\":1,\"modality\":\"TENS\",\"state\":\"stopped\"}",
            "{\"ts\":1,\"modality\":\"ems\",\"state\":\"stopped\"}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"on\"}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"channel\":0}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"battery_pct\":101}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"current_ua\":-1}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"impedance_ohm\":-5}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"remaining_s\":-1}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"running\",\"frequency_hz\":0,\"pulse_width_us\":200,"
                    + "\"current_ua\":1}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"running\",\"frequency_hz\":80,\"pulse_width_us\":0,"
                    + "\"current_ua\":1}"})
    void rejectsOutOfRangeValuesAndUnknownEnumNames(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ts\":1,\"modality\":1,\"state\":\"stopped\"}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":[\"stopped\"]}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"channel\":1.0}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"frequency_hz\":\"80\"}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"electrode_ok\":\"yes\"}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"program\":7}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"battery_pct\":80.5}",
            "{\"ts\":1,\"modality\":\"tens\",\"state\":\"stopped\",\"remaining_s\":12.5}"})
    void rejectsWrongTypes(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.WRONG_TYPE);
    }

    @Test
    void rejectsBrokenJson() {
        assertThat(rejected("{\"ts\":1,\"modality\":\"tens\"")).isEqualTo(RejectReason.NOT_JSON);
    }
}
