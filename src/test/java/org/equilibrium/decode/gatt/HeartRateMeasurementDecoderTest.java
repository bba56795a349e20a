package org.equilibrium.decode.gatt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.decode.Vectors.hex;
import static org.equilibrium.decode.Vectors.reason;
import static org.equilibrium.decode.Vectors.single;

import org.equilibrium.decode.ContractRanges;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.RejectReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Vectors follow the field layout of the Heart Rate Service 1.0 / GATT Specification Supplement. */
class HeartRateMeasurementDecoderTest {

    private final HeartRateMeasurementDecoder decoder = new HeartRateMeasurementDecoder();
    private static final long ARRIVAL = 1_763_740_800_123L;

    private HeartRateReading decode(String hex) {
        return single(decoder.decode(hex(hex), ARRIVAL), HeartRateReading.class);
    }

    @Test
    void decodesUint8RateWithOneRrIntervalInUnitsOf1024thSecond() {
        // flags 0x10: uint8 HR, contact not supported, RR present; 0x031a = 794/1024 s
        HeartRateReading r = decode("10 3c 1a 03");
        assertThat(r.bpm()).isEqualTo(60);
        assertThat(r.rrMs()).containsExactly(775.390625);
        assertThat(r.contact()).isNull();
        assertThat(r.energyExpendedKj()).isNull();
        assertThat(r.timestampMs()).isEqualTo(ARRIVAL);
        assertThat(r.seq()).isNull();
    }

    @Test
    void decodesPolarStyleFrameWithContactDetected() {
        // flags 0x16: contact supported (bit 2) and detected (bit 1), RR present; as a Polar H10 sends
        HeartRateReading r = decode("16 34 e4 04");
        assertThat(r.bpm()).isEqualTo(52);
        assertThat(r.contact()).isTrue();
        assertThat(r.rrMs()).containsExactly(1252 * 1000.0 / 1024);
    }

    @Test
    void reportsContactNotDetectedWhenSupportedButBitOneClear() {
        HeartRateReading r = decode("04 00");
        assertThat(r.contact()).isFalse();
        assertThat(r.bpm()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"00", "02"})
    void contactIsNullWhenNotSupported(String flags) {
        assertThat(decode(flags + " 48").contact()).isNull();
    }

    @Test
    void decodesUint16RateEnergyAndSeveralRrIntervals() {
        // flags 0x19: uint16 HR 0x012c = 300, energy 0x0010 = 16 kJ, RR 1024 and 512 (1/1024 s)
        HeartRateReading r = decode("19 2c 01 10 00 00 04 00 02");
        assertThat(r.bpm()).isEqualTo(300);
        assertThat(r.energyExpendedKj()).isEqualTo(16);
        assertThat(r.rrMs()).containsExactly(1000.0, 500.0);
    }

    @Test
    void decodesEnergyExpendedWithoutRr() {
        HeartRateReading r = decode("08 48 10 27");
        assertThat(r.bpm()).isEqualTo(72);
        assertThat(r.energyExpendedKj()).isEqualTo(10000);
        assertThat(r.rrCount()).isZero();
    }

    @Test
    void acceptsRrFlagWithNoIntervalsInThisNotification() {
        assertThat(decode("10 3c").rrCount()).isZero();
    }

    @Test
    void ignoresReservedFlagBits() {
        assertThat(decode("e0 3c").bpm()).isEqualTo(60);
    }

    @Test
    void keepsImplausibleRrRawButContractRangesRejectIt() {
        // A Garmin HRM-Dual frame seen in the wild: the second "RR" (0x0035 = 53/1024 s) is not physiological.
        DecodeResult raw = decoder.decode(hex("10 38 2d 04 35 00"), ARRIVAL);
        HeartRateReading r = single(raw, HeartRateReading.class);
        assertThat(r.rrMs()).containsExactly(1069 * 1000.0 / 1024, 53 * 1000.0 / 1024);
        DecodeResult checked = ContractRanges.check(raw);
        assertThat(reason(checked)).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(((DecodeResult.Rejected) checked).detail()).contains("rr_ms[1]");
    }

    @Test
    void rrOfZeroDecodesAsZeroAndIsOutOfContractRange() {
        DecodeResult raw = decoder.decode(hex("10 3c 00 00"), ARRIVAL);
        assertThat(single(raw, HeartRateReading.class).rrMs()).containsExactly(0.0);
        assertThat(reason(ContractRanges.check(raw))).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @Test
    void maximalRrDecodesTo64Seconds() {
        assertThat(decode("10 3c ff ff").rrMs()).containsExactly(65535 * 1000.0 / 1024);
    }

    @Test
    void contractRangesPassPlausibleFrameUnchanged() {
        DecodeResult raw = decoder.decode(hex("16 3c 1a 03"), ARRIVAL);
        assertThat(ContractRanges.check(raw)).isSameAs(raw);
    }

    @ParameterizedTest
    @CsvSource({
            "'', empty",
            "10, heart rate",
            "01 3c, uint16 heart rate",
            "08 3c 10, energy expended",
            "19 2c 01 10, energy expended",
            "10 3c 1a, odd number",
            "16 3c 1a 03 04, odd number",
            "00 3c 00, trailing",
            "08 3c 10 00 01, trailing"})
    void rejectsTruncatedOrTrailingBytesAsMalformed(String hex, String detailPart) {
        DecodeResult r = decoder.decode(hex(hex), ARRIVAL);
        assertThat(reason(r)).isEqualTo(RejectReason.MALFORMED_BINARY);
        assertThat(((DecodeResult.Rejected) r).detail()).contains(detailPart);
    }

    @Test
    void rejectsNullPayload() {
        assertThat(reason(decoder.decode(null, ARRIVAL))).isEqualTo(RejectReason.MALFORMED_BINARY);
    }
}
