package org.equilibrium.decode.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.decode.Vectors.reason;
import static org.equilibrium.decode.Vectors.single;
import static org.equilibrium.decode.Vectors.utf8;

import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.junit.jupiter.api.Test;

class StatusJsonDecoderTest {

    private final StatusJsonDecoder decoder = new StatusJsonDecoder();

    @Test
    void decodesTheContractExampleWithClaimCodeAtArrivalTime() {
        StatusReading r = single(decoder.decode(utf8("{\"online\": true, \"model\": \"polar-h10\", \"fw\": \"5.0.0\","
                + " \"battery_pct\": 81, \"claim_code\": \"K7Q2-9XWM\"}"), 555L), StatusReading.class);
        assertThat(r).isEqualTo(new StatusReading(555L, true, "polar-h10", "5.0.0", 81, "K7Q2-9XWM"));
    }

    @Test
    void lastWillWithOnlyOnlineFalseDecodes() {
        assertThat(single(decoder.decode(utf8("{\"online\":false}"), 1L), StatusReading.class))
                .isEqualTo(new StatusReading(1L, false, null, null, null, null));
    }

    @Test
    void rejectsEachBadInputWithItsReason() {
        assertThat(reason(decoder.decode(utf8("{\"model\":\"x\"}"), 0))).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason(decoder.decode(utf8("{\"online\":\"yes\"}"), 0))).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(reason(decoder.decode(utf8("{\"online\":true,\"model\":5}"), 0))).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(reason(decoder.decode(utf8("{\"online\":true,\"battery_pct\":120}"), 0)))
                .isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(reason(decoder.decode(utf8("{\"online\":true,\"claim_code\":\"" + "K".repeat(129) + "\"}"), 0)))
                .isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(reason(decoder.decode(utf8("online"), 0))).isEqualTo(RejectReason.NOT_JSON);
    }
}
