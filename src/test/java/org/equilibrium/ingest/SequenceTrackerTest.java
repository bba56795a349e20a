package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.equilibrium.ingest.SequenceTracker.Verdict;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private static SequenceTracker json() {
        return new SequenceTracker(0, 100_000, true, 8);
    }

    @Test
    void countsMessagesMissingFromSeqGaps() {
        SequenceTracker t = json();
        assertThat(t.accept(10, 1_000)).isEqualTo(Verdict.FIRST);
        assertThat(t.accept(11, 2_000)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.lastLost()).isZero();
        assertThat(t.accept(15, 6_000)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.lastLost()).isEqualTo(3); // 12, 13, 14
    }

    @Test
    void dropsARedeliveredSeqAsDuplicate() {
        SequenceTracker t = json();
        t.accept(1, 1_000);
        t.accept(2, 2_000);
        t.accept(3, 3_000);
        assertThat(t.accept(3, 3_000)).isEqualTo(Verdict.DUPLICATE);
        assertThat(t.accept(2, 2_000)).isEqualTo(Verdict.DUPLICATE);
        assertThat(t.accept(4, 4_000)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.lastLost()).isZero();
    }

    @Test
    void aLateMessageFillsTheLossItWasCountedAs() {
        SequenceTracker t = json();
        t.accept(1, 1_000);
        t.accept(3, 3_000);
        assertThat(t.lastLost()).isEqualTo(1);
        assertThat(t.accept(2, 2_000)).isEqualTo(Verdict.LATE);
        assertThat(t.lastLost()).isEqualTo(-1);
        assertThat(t.accept(2, 2_000)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void seqBackToZeroWithLaterDeviceTimeIsARestartNotFourBillionLost() {
        SequenceTracker t = json();
        t.accept(4_294_967_200L, 1_000);
        assertThat(t.accept(0, 5_000)).isEqualTo(Verdict.NEW_EPOCH);
        assertThat(t.lastLost()).isZero();
        assertThat(t.accept(1, 6_000)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.lastLost()).isZero();
        // the old epoch's seq 1 would be a duplicate only within the new epoch's memory
        assertThat(t.accept(1, 6_000)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aRestartThatReachesAnAlreadySeenSeqIsStillANewEpoch() {
        SequenceTracker t = json();
        t.accept(0, 1_000);
        t.accept(1, 2_000);
        t.accept(2, 3_000);
        // device rebooted and counts 0, 1, ... again, with device time moving on
        assertThat(t.accept(0, 10_000)).isEqualTo(Verdict.NEW_EPOCH);
        assertThat(t.accept(1, 11_000)).isEqualTo(Verdict.IN_ORDER);
    }

    @Test
    void aHugeForwardJumpIsANewEpochNotLoss() {
        SequenceTracker t = new SequenceTracker(0, 1_000, true, 8);
        t.accept(5, 1_000);
        assertThat(t.accept(5_000_000, 2_000)).isEqualTo(Verdict.NEW_EPOCH);
        assertThat(t.lastLost()).isZero();
    }

    @Test
    void sixteenBitCounterWrapsWithoutLossOrRestart() {
        SequenceTracker t = new SequenceTracker(65_536, 100_000, false, 8);
        t.accept(65_534, 1_000);
        assertThat(t.accept(65_535, 1_100)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.accept(0, 1_200)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.lastLost()).isZero();
        assertThat(t.accept(2, 1_300)).isEqualTo(Verdict.IN_ORDER);
        assertThat(t.lastLost()).isEqualTo(1);
        assertThat(t.accept(65_535, 1_400)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void arrivalTimeStreamRestartsWhenSeqFallsBackToASmallValue() {
        SequenceTracker t = new SequenceTracker(65_536, 100_000, false, 8);
        t.accept(500, 1_000);
        t.accept(501, 1_100);
        // arrival time always moves on, so a redelivery cannot be told by time: small seq far behind = restart
        assertThat(t.accept(0, 1_200)).isEqualTo(Verdict.NEW_EPOCH);
        // a redelivered recent seq is still a duplicate
        assertThat(t.accept(0, 1_300)).isEqualTo(Verdict.DUPLICATE);
    }
}
