package org.equilibrium.decode.stim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.equilibrium.decode.Vectors.hex;
import static org.equilibrium.decode.Vectors.reason;
import static org.equilibrium.decode.Vectors.single;

import java.util.HexFormat;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StimReading;
import org.equilibrium.decode.StimReading.Fault;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.decode.StimReading.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors computed by hand from the layout table in the codec's Javadoc (/tmp/simtens.md). */
class SimTensTelemetryCodecTest {

    private static final String RUNNING_TENS = "01 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04";
    private final SimTensTelemetryCodec codec = new SimTensTelemetryCodec();

    private static StimReading runningTens(long seq) {
        return new StimReading(0, seq, Modality.TENS, State.RUNNING, "burst", 1, 80.0, 200.0, 12500.0, true, 1500.0,
                81, 1200, Fault.NONE);
    }

    @Test
    void decodesAHandComputedRunningTensFrame() {
        // state 2 | electrode_ok (0x20) = 0x22; program burst (1), channel 1; seq 0x0102; 800 x 0.1 Hz;
        // 200 us; 12500 uA; 1500 ohm; 81 %; 1200 s
        StimReading r = single(codec.decode(hex(RUNNING_TENS), 777L), StimReading.class);
        assertThat(r).isEqualTo(new StimReading(777L, 258L, Modality.TENS, State.RUNNING, "burst", 1, 80.0, 200.0,
                12500.0, true, 1500.0, 81, 1200, Fault.NONE));
    }

    @Test
    void encodesTheSameFrameByteForByte() {
        assertThat(HexFormat.of().formatHex(SimTensTelemetryCodec.encode(runningTens(0x0102))))
                .isEqualTo(RUNNING_TENS.replace(" ", ""));
    }

    @Test
    void roundTripsEveryStateModalityProgramChannelAndFault() {
        for (State state : State.values()) {
            for (Modality modality : Modality.values()) {
                for (String program : SimTensTelemetryCodec.PROGRAMS) {
                    for (Fault fault : Fault.values()) {
                        int channel = 1 + (state.ordinal() * 3 + fault.ordinal()) % 16;
                        StimReading in = new StimReading(42L, 65535L, modality, state, program, channel, 0.5, 400.0,
                                4_294_967_295.0, state.ordinal() % 2 == 0, 65534.0, 0, 65534, fault);
                        StimReading out = single(codec.decode(SimTensTelemetryCodec.encode(in), 42L),
                                StimReading.class);
                        assertThat(out).isEqualTo(in);
                    }
                }
            }
        }
    }

    @Test
    void unknownSentinelsAndZeroFrequencyDecodeAsNull() {
        StimReading stopped = new StimReading(9L, 3L, Modality.MICROCURRENT, State.STOPPED, "conventional", 16, null,
                null, 0.0, false, null, null, null, Fault.LEAD_OFF);
        byte[] frame = SimTensTelemetryCodec.encode(stopped);
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("0110f00103000000000000000000ffffffffff");
        assertThat(single(codec.decode(frame, 9L), StimReading.class)).isEqualTo(stopped);
    }

    @Test
    void seqWrapsAt65536() {
        byte[] frame = SimTensTelemetryCodec.encode(runningTens(65536L + 5));
        assertThat(single(codec.decode(frame, 0), StimReading.class).seq()).isEqualTo(5L);
    }

    @ParameterizedTest
    @CsvSource({
            "01 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0, got 18",
            "01 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04 00, got 20",
            "02 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04, version 2",
            "01 25 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04, state code 5",
            "01 62 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04, reserved",
            "01 a2 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04, reserved",
            "01 22 04 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04, program code 4",
            "01 22 01 05 02 01 20 03 c8 00 d4 30 00 00 dc 05 51 b0 04, fault code 5"})
    void rejectsMalformedFrames(String hex, String detail) {
        var r = codec.decode(hex(hex), 0);
        assertThat(reason(r)).isEqualTo(RejectReason.MALFORMED_BINARY);
        assertThat(((org.equilibrium.decode.DecodeResult.Rejected) r).detail()).contains(detail);
    }

    @ParameterizedTest
    @CsvSource({
            "01 22 01 00 02 01 20 03 c8 00 d4 30 00 00 dc 05 65 b0 04, battery",
            "01 22 01 00 02 01 00 00 c8 00 d4 30 00 00 dc 05 51 b0 04, frequency 0",
            "01 22 01 00 02 01 20 03 00 00 d4 30 00 00 dc 05 51 b0 04, pulse width 0"})
    void rejectsOutOfRangeFrames(String hex, String detail) {
        var r = codec.decode(hex(hex), 0);
        assertThat(reason(r)).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(((org.equilibrium.decode.DecodeResult.Rejected) r).detail()).contains(detail);
    }

    @Test
    void runningMicrocurrentWithoutPulseWidthIsValid() {
        byte[] frame = hex("01 32 00 00 01 00 05 00 00 00 2c 01 00 00 ff ff ff ff ff");
        StimReading r = single(codec.decode(frame, 0), StimReading.class);
        assertThat(r.modality()).isEqualTo(Modality.MICROCURRENT);
        assertThat(r.frequencyHz()).isEqualTo(0.5);
        assertThat(r.currentMicroamps()).isEqualTo(300.0);
        assertThat(r.pulseWidthUs()).isNull();
    }

    @Test
    void encoderRefusesWhatTheWireCannotCarryOrTheDecoderWouldReject() {
        StimReading base = runningTens(1);
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(with(base, "program", "wave")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("program");
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(new StimReading(0, 1L, Modality.TENS, State.RUNNING,
                "burst", 17, 80.0, 200.0, 1.0, true, null, null, null))).hasMessageContaining("channel");
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(new StimReading(0, 1L, Modality.TENS, State.RUNNING,
                "burst", 1, 80.0, null, 1.0, true, null, null, null))).hasMessageContaining("pulse width");
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(new StimReading(0, 1L, Modality.TENS, State.STOPPED,
                "burst", 1, 6553.6, null, 1.0, true, null, null, null))).hasMessageContaining("frequencyHz");
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(new StimReading(0, 1L, Modality.TENS, State.STOPPED,
                "burst", 1, null, null, -1.0, true, null, null, null))).hasMessageContaining("currentMicroamps");
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(new StimReading(0, 1L, Modality.TENS, State.STOPPED,
                "burst", 1, null, null, 1.0, true, null, 101, null))).hasMessageContaining("batteryPct");
        assertThatThrownBy(() -> SimTensTelemetryCodec.encode(new StimReading(0, null, Modality.TENS, State.STOPPED,
                "burst", 1, null, null, 1.0, true, null, null, null))).hasMessageContaining("seq");
    }

    private static StimReading with(StimReading r, String field, String program) {
        return new StimReading(r.timestampMs(), r.seq(), r.modality(), r.state(), program, r.channel(),
                r.frequencyHz(), r.pulseWidthUs(), r.currentMicroamps(), r.electrodeOk(), r.impedanceOhm(),
                r.batteryPct(), r.remainingS(), r.fault());
    }
}
