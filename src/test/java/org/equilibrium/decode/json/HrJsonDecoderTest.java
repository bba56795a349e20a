package org.equilibrium.decode.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.decode.Vectors.reason;
import static org.equilibrium.decode.Vectors.single;
import static org.equilibrium.decode.Vectors.utf8;

import java.nio.charset.StandardCharsets;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.HeartRateReading;
import org.equilibrium.decode.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HrJsonDecoderTest {

    private final HrJsonDecoder decoder = new HrJsonDecoder();

    private DecodeResult decode(String json) {
        return decoder.decode(utf8(json), 999L);
    }

    private RejectReason rejected(String json) {
        return reason(decode(json));
    }

    @Test
    void decodesTheContractExampleExactly() {
        HeartRateReading r = single(decode(
                "{\"ts\": 1763740800123, \"seq\": 1842, \"bpm\": 61, \"rr_ms\": [983.4, 975.6], \"contact\": true}"),
                HeartRateReading.class);
        assertThat(r).isEqualTo(new HeartRateReading(1763740800123L, 1842L, 61, new double[] {983.4, 975.6}, true,
                null));
    }

    @Test
    void optionalFieldsMayBeAbsentOrNullAndRrMayBeEmpty() {
        HeartRateReading minimal = single(decode("{\"ts\":5,\"bpm\":20}"), HeartRateReading.class);
        assertThat(minimal).isEqualTo(new HeartRateReading(5, null, 20, new double[0], null, null));
        HeartRateReading nulls = single(decode("{\"ts\":5,\"bpm\":250,\"seq\":null,\"rr_ms\":null,\"contact\":null}"),
                HeartRateReading.class);
        assertThat(nulls.seq()).isNull();
        assertThat(nulls.bpm()).isEqualTo(250);
        assertThat(single(decode("{\"ts\":5,\"bpm\":60,\"rr_ms\":[]}"), HeartRateReading.class).rrCount()).isZero();
    }

    @Test
    void acceptsRangeBoundariesAndIntegerRr() {
        HeartRateReading r = single(decode("{\"ts\":0,\"bpm\":60,\"rr_ms\":[200,3000,1000.5],\"seq\":0}"),
                HeartRateReading.class);
        assertThat(r.rrMs()).containsExactly(200.0, 3000.0, 1000.5);
        assertThat(r.seq()).isZero();
    }

    @Test
    void ignoresUnknownFieldsOfAnyShapeForForwardCompatibility() {
        HeartRateReading r = single(decode("{\"fw\":\"2\",\"ts\":7,\"extra\":{\"a\":[1,{\"b\":null}],\"c\":true},"
                + "\"bpm\":61,\"tags\":[\"x\"],\"temp\":36.6}"), HeartRateReading.class);
        assertThat(r.bpm()).isEqualTo(61);
        assertThat(r.timestampMs()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ts\":1,\"bpm\":\"61\"}",
            "{\"ts\":1,\"bpm\":61.5}",
            "{\"ts\":1,\"bpm\":61.0}",
            "{\"ts\":1,\"bpm\":true}",
            "{\"ts\":1e3,\"bpm\":61}",
            "{\"ts\":\"1763740800123\",\"bpm\":61}",
            "{\"ts\":1,\"bpm\":61,\"seq\":1.5}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":\"983\"}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":983}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[\"983\"]}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[null]}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[[983]]}",
            "{\"ts\":1,\"bpm\":61,\"contact\":\"true\"}",
            "{\"ts\":1,\"bpm\":61,\"contact\":1}",
            "[{\"ts\":1,\"bpm\":61}]",
            "61"})
    void rejectsWrongTypesIncludingNumberCoercions(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"bpm\":61}",
            "{\"ts\":1}",
            "{\"ts\":1,\"bpm\":null}",
            "{}"})
    void rejectsMissingRequiredFields(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ts\":1,\"bpm\":19}",
            "{\"ts\":1,\"bpm\":251}",
            "{\"ts\":1,\"bpm\":-61}",
            "{\"ts\":1,\"bpm\":99999999999999999999999}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[983, 199.99]}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[3000.01]}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[1e400]}",
            "{\"ts\":1,\"bpm\":61,\"seq\":-1}",
            "{\"ts\":-1,\"bpm\":61}",
            "{\"ts\":9223372036855,\"bpm\":61}",
            "{\"ts\":1,\"bpm\":61,\"seq\":18446744073709551616}"})
    void rejectsValuesOutsideTheContractRanges(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "hello",
            "{",
            "{\"ts\":1,\"bpm\":61",
            "{\"ts\":1,\"bpm\":61} {}",
            "{\"ts\":1,\"bpm\":61}x",
            "{\"ts\":1,\"bpm\":NaN}",
            "{\"ts\":1,\"bpm\":61,\"rr_ms\":[Infinity]}",
            "{'ts':1,'bpm':61}",
            "{\"ts\":1,\"bpm\":61,}",
            "{\"ts\":1,\"bpm\":061}",
            "{\"ts\":1,\"bpm\":61,\"bpm\":62}",
            "{\"ts\":1,/*c*/\"bpm\":61}"})
    void rejectsWhatIsNotStrictJson(String json) {
        assertThat(rejected(json)).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void rejectsInvalidUtf8EvenInsideAnIgnoredString() {
        byte[] prefix = utf8("{\"ts\":1,\"bpm\":61,\"note\":\"");
        byte[] bad = {(byte) 0xC3, 0x28};
        byte[] payload = concat(prefix, bad, utf8("\"}"));
        assertThat(reason(decoder.decode(payload, 0))).isEqualTo(RejectReason.NOT_JSON);
        // overlong encoding of '/' and a lone surrogate are not UTF-8 either
        assertThat(reason(decoder.decode(concat(prefix, new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\"}")), 0)))
                .isEqualTo(RejectReason.NOT_JSON);
        assertThat(reason(decoder.decode(concat(prefix, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                utf8("\"}")), 0))).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void acceptsMultibyteUtf8InIgnoredFields() {
        assertThat(single(decode("{\"ts\":1,\"bpm\":61,\"note\":\"Herzschlag ♥ 😀\"}"), HeartRateReading.class)
                .bpm()).isEqualTo(61);
    }

    @Test
    void rejectsUtf16EvenThoughItIsValidJsonText() {
        byte[] utf16 = "{\"ts\":1,\"bpm\":61}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(reason(decoder.decode(utf16, 0))).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void rejectsDeeplyNestedUnknownFieldsWithoutBlowingTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(rejected("{\"ts\":1,\"bpm\":61,\"x\":" + deep + "}")).isEqualTo(RejectReason.NOT_JSON);
    }

    @Test
    void decodesAMegabyteRrArrayAndFindsTheBadValueAtItsEnd() {
        StringBuilder sb = new StringBuilder("{\"ts\":1,\"bpm\":61,\"rr_ms\":[");
        int n = 0;
        while (sb.length() < 1_000_000) {
            sb.append(n == 0 ? "" : ",").append("1000.5");
            n++;
        }
        String valid = sb + "]}";
        assertThat(single(decode(valid), HeartRateReading.class).rrCount()).isEqualTo(n);
        DecodeResult bad = decode(sb + ",5]}");
        assertThat(reason(bad)).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(((DecodeResult.Rejected) bad).detail()).contains("rr_ms[" + n + "]");
    }

    @Test
    void rejectionDetailNamesTheField() {
        DecodeResult r = decode("{\"ts\":1,\"bpm\":\"61\"}");
        assertThat(((DecodeResult.Rejected) r).detail()).isEqualTo("bpm must be an integer, was a string");
    }

    private static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
