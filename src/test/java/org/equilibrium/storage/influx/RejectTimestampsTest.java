package org.equilibrium.storage.influx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectTimestampsTest {

    @Test
    void rejectsOfOneSeriesInTheSameMillisecondGetSuccessiveNanoseconds() {
        RejectTimestamps t = new RejectTimestamps(10);
        assertThat(t.next("d|not-json|hr", 5)).isEqualTo(5_000_000L);
        assertThat(t.next("d|not-json|hr", 5)).isEqualTo(5_000_001L);
        assertThat(t.next("d|not-json|hr", 5)).isEqualTo(5_000_002L);
        assertThat(t.next("d|not-json|stim", 5)).isEqualTo(5_000_000L);
        assertThat(t.next("d|not-json|hr", 6)).isEqualTo(6_000_000L);
        assertThat(t.next("d|not-json|hr", 6)).isEqualTo(6_000_001L);
    }

    @Test
    void neverLeavesItsMillisecond() {
        RejectTimestamps t = new RejectTimestamps(1);
        long last = 0;
        for (int i = 0; i < 1_000_100; i++) {
            last = t.next("s", 7);
        }
        assertThat(last).isEqualTo(7_999_999L);
    }

    @Test
    void forgetsTheLeastRecentlyUsedSeriesBeyondItsBound() {
        RejectTimestamps t = new RejectTimestamps(2);
        t.next("a", 1);
        t.next("b", 1);
        t.next("c", 1);
        assertThat(t.next("b", 1)).isEqualTo(1_000_001L);
        assertThat(t.next("a", 1)).isEqualTo(1_000_000L);
    }
}
