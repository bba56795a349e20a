package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.equilibrium.decode.RejectReason;
import org.junit.jupiter.api.Test;

class RejectLogTest {

    @Test
    void logsOncePerDeviceAndReasonPerInterval() {
        RejectLog log = new RejectLog(60_000, 100);
        assertThat(log.reject("d1", RejectReason.NOT_JSON, "hr", "x", 0)).isTrue();
        assertThat(log.reject("d1", RejectReason.NOT_JSON, "hr", "x", 59_999)).isFalse();
        assertThat(log.reject("d1", RejectReason.OUT_OF_RANGE, "hr", "x", 1_000)).isTrue();
        assertThat(log.reject("d2", RejectReason.NOT_JSON, "hr", "x", 1_000)).isTrue();
        assertThat(log.reject("d1", RejectReason.NOT_JSON, "hr", "x", 60_000)).isTrue();
    }

    @Test
    void boundsItsMemoryByFoldingNewDevicesIntoOther() {
        RejectLog log = new RejectLog(60_000, 2);
        assertThat(log.reject("a", RejectReason.NOT_JSON, "hr", "x", 0)).isTrue();
        assertThat(log.reject("b", RejectReason.NOT_JSON, "hr", "x", 0)).isTrue();
        assertThat(log.reject("c", RejectReason.NOT_JSON, "hr", "x", 0)).isTrue();  // as "other"
        assertThat(log.reject("d", RejectReason.NOT_JSON, "hr", "x", 10)).isFalse(); // "other" again, suppressed
    }
}
