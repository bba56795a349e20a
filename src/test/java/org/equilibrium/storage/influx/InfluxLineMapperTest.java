package org.equilibrium.storage.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.Sample;
import org.junit.jupiter.api.Test;

class InfluxLineMapperTest {

    private static final DeviceId STRAP = new DeviceId("strap-01");
    private static final DeviceId TENS = new DeviceId("tens.7_A");
    private static final long TS = 1_700_000_000_123L;

    private final InfluxLineMapper mapper = new InfluxLineMapper();

    @Test
    void heartRateCarriesBpmContactAndSeqAsTypedFieldsAtNanosecondTime() {
        assertThat(mapper.line(new Sample.HeartRate(STRAP, TS, 72, true, 42L)))
                .isEqualTo("heart_rate,device=strap-01 bpm=72i,contact=true,seq=42i 1700000000123000000");
    }

    @Test
    void heartRateOmitsUnknownContactAndSeq() {
        assertThat(mapper.line(new Sample.HeartRate(STRAP, TS, 180, null, null)))
                .isEqualTo("heart_rate,device=strap-01 bpm=180i 1700000000123000000");
        assertThat(mapper.line(new Sample.HeartRate(STRAP, TS, 55, false, null)))
                .isEqualTo("heart_rate,device=strap-01 bpm=55i,contact=false 1700000000123000000");
    }

    @Test
    void rrIntervalIsAFloatAtItsBeatTime() {
        assertThat(mapper.line(new Sample.RrInterval(STRAP, 1_000L, 812.5)))
                .isEqualTo("rr_interval,device=strap-01 rr_ms=812.5 1000000000");
        assertThat(mapper.line(new Sample.RrInterval(STRAP, 1_001L, 1000.0)))
                .isEqualTo("rr_interval,device=strap-01 rr_ms=1000.0 1001000000");
        // 1/1024 s resolution of 0x2A37 gives long fractions: the shortest exact decimal is kept.
        assertThat(mapper.line(new Sample.RrInterval(STRAP, 1_002L, 1000.0 * 833 / 1024)))
                .isEqualTo("rr_interval,device=strap-01 rr_ms=813.4765625 1002000000");
    }

    @Test
    void floatsNeverUseExponentNotation() {
        StringBuilder sb = new StringBuilder();
        InfluxLineMapper.appendFloat(sb, "x", 1.0e7);
        sb.append(' ');
        InfluxLineMapper.appendFloat(sb, "x", 1.5e-4);
        sb.append(' ');
        InfluxLineMapper.appendFloat(sb, "x", -0.25);
        assertThat(sb).hasToString("10000000 0.00015 -0.25");
    }

    @Test
    void stimWritesEveryPresentFieldWithItsType() {
        StimReading r = new StimReading(TS, 9L, StimReading.Modality.TENS, StimReading.State.RUNNING, "burst",
                1, 80.0, 200.0, 25_000.0, true, 1200.5, 88, 600);
        assertThat(mapper.line(new Sample.Stim(TENS, r))).isEqualTo("stim,device=tens.7_A modality=\"tens\","
                + "state=\"running\",program=\"burst\",channel=1i,frequency_hz=80.0,pulse_width_us=200.0,"
                + "current_ua=25000.0,impedance_ohm=1200.5,electrode_ok=true,battery_pct=88i,remaining_s=600i,"
                + "seq=9i 1700000000123000000");
    }

    @Test
    void stimOmitsAbsentFields() {
        StimReading r = new StimReading(TS, null, StimReading.Modality.MICROCURRENT, null, null, 2, null, null,
                350.0, null, null, null, null);
        assertThat(mapper.line(new Sample.Stim(TENS, r)))
                .isEqualTo("stim,device=tens.7_A modality=\"microcurrent\",channel=2i,current_ua=350.0 "
                        + "1700000000123000000");
    }

    @Test
    void stringFieldsEscapeQuotesAndBackslashesAndCannotCarryNewlines() {
        StimReading r = new StimReading(TS, null, null, StimReading.State.PAUSED, "say \"hi\" C:\\p\nx", 1, null,
                null, null, null, null, null, null);
        assertThat(mapper.line(new Sample.Stim(TENS, r)))
                .isEqualTo("stim,device=tens.7_A state=\"paused\",program=\"say \\\"hi\\\" C:\\\\p x\",channel=1i "
                        + "1700000000123000000");
    }

    @Test
    void statusWritesPresenceModelFirmwareAndBatteryButNotTheClaimCode() {
        StatusReading r = new StatusReading(TS, true, "Polar H10", "3.1.1", 90, "SECRET-CLAIM");
        assertThat(mapper.line(new Sample.Status(STRAP, r))).isEqualTo(
                "device_status,device=strap-01 online=true,model=\"Polar H10\",fw=\"3.1.1\",battery_pct=90i "
                        + "1700000000123000000");
        assertThat(mapper.line(new Sample.Status(STRAP, new StatusReading(TS, false, null, null, null, null))))
                .isEqualTo("device_status,device=strap-01 online=false 1700000000123000000");
    }

    @Test
    void batteryIsADeviceStatusPointWithOnlyBatteryPct() {
        assertThat(mapper.line(new Sample.Battery(STRAP, TS, 55)))
                .isEqualTo("device_status,device=strap-01 battery_pct=55i 1700000000123000000");
    }

    @Test
    void rejectIsTaggedByDeviceReasonAndStreamWithACountOfOne() {
        assertThat(mapper.line(new Sample.Reject(STRAP, TS, RejectReason.OUT_OF_RANGE, "hr")))
                .isEqualTo("ingest_rejects,device=strap-01,reason=out-of-range,stream=hr count=1i 1700000000123000000");
        assertThat(mapper.line(new Sample.Reject(null, TS, RejectReason.BAD_DEVICE_ID, "gatt/2a37")))
                .isEqualTo("ingest_rejects,device=invalid,reason=bad-device-id,stream=gatt/2a37 count=1i "
                        + "1700000000123000000");
    }

    @Test
    void rejectStreamOutsideTheContractIsTaggedOtherToBoundCardinality() {
        assertThat(mapper.line(new Sample.Reject(STRAP, TS, RejectReason.UNKNOWN_STREAM, "x y,z=1\n")))
                .isEqualTo("ingest_rejects,device=strap-01,reason=unknown-stream,stream=other count=1i "
                        + "1700000000123000000");
        assertThat(mapper.line(new Sample.Reject(STRAP, TS, RejectReason.NOT_JSON, null)))
                .isEqualTo("ingest_rejects,device=strap-01,reason=not-json,stream=none count=1i 1700000000123000000");
        assertThat(InfluxLineMapper.streamTag("cmd/ack")).isEqualTo("cmd/ack");
        assertThat(InfluxLineMapper.streamTag("gatt/0000180d-0000-1000-8000-00805f9b34fb"))
                .isEqualTo("gatt/0000180d-0000-1000-8000-00805f9b34fb");
        assertThat(InfluxLineMapper.streamTag("gatt/../../x")).isEqualTo("other");
    }

    @Test
    void tagValuesEscapeCommaEqualsAndSpaceAndReplaceControlCharacters() {
        StringBuilder sb = new StringBuilder();
        InfluxLineMapper.appendTagValue(sb, "a b,c=d\te");
        assertThat(sb).hasToString("a\\ b\\,c\\=d_e");
    }

    @Test
    void refusesValuesLineProtocolCannotCarry() {
        StringBuilder sb = new StringBuilder("keep");
        assertThatThrownBy(() -> mapper.appendLine(sb, new Sample.RrInterval(STRAP, TS, Double.NaN), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rr_ms");
        assertThat(sb).hasToString("keep");
        assertThatThrownBy(() -> mapper.line(new Sample.HeartRate(STRAP, Long.MAX_VALUE / 1000, 60, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the range");
        assertThatThrownBy(() -> mapper.line(new Sample.HeartRate(null, TS, 60, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device is null");
    }

    @Test
    void negativeTimestampsBeforeTheEpochAreStored() {
        assertThat(mapper.line(new Sample.Battery(STRAP, -5L, 1)))
                .isEqualTo("device_status,device=strap-01 battery_pct=1i -5000000");
    }
}
