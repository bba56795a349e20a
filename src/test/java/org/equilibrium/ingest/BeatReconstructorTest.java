package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.equilibrium.decode.HeartRateReading;
import org.junit.jupiter.api.Test;

class BeatReconstructorTest {

    record Beat(long endMs, double rrMs, boolean live) {
    }

    record Gap(long fromMs, long toMs, String cause) {
    }

    static final class Recorder implements BeatReconstructor.Sink {
        final List<Beat> beats = new ArrayList<>();
        final List<Gap> gaps = new ArrayList<>();

        @Override
        public void beat(long beatEndMs, double rrMs, boolean live) {
            beats.add(new Beat(beatEndMs, rrMs, live));
        }

        @Override
        public void gap(long fromMs, long toMs, String cause) {
            gaps.add(new Gap(fromMs, toMs, cause));
        }
    }

    private static HeartRateReading hr(long ts, double... rr) {
        return new HeartRateReading(ts, null, 60, rr, null, null);
    }

    @Test
    void lastRrEndsAtTsAndEarlierBeatsEndAtTsMinusLaterIntervals() {
        Recorder r = new Recorder();
        new BeatReconstructor(100).accept(hr(10_000, 800, 1_000.4, 950), "rr-discontinuity", r);
        // 10000 - 950 - 1000.4 = 8049.6 -> 8050; 10000 - 950 = 9050; 10000
        assertThat(r.beats).containsExactly(new Beat(8_050, 800, true), new Beat(9_050, 1_000.4, true),
                new Beat(10_000, 950, true));
        assertThat(r.gaps).isEmpty();
    }

    @Test
    void contiguousMessagesProduceNoGap() {
        Recorder r = new Recorder();
        BeatReconstructor b = new BeatReconstructor(100);
        b.accept(hr(10_000, 1_000), "x", r);
        b.accept(hr(11_800, 900, 900), "x", r); // starts at 11800 - 1800 = 10000
        assertThat(r.gaps).isEmpty();
        assertThat(r.beats).extracting(Beat::endMs).containsExactly(10_000L, 10_900L, 11_800L);
        assertThat(b.lastBeatMs()).isEqualTo(11_800);
    }

    @Test
    void rrThatDoesNotReachBackToThePreviousBeatMarksAGap() {
        Recorder r = new Recorder();
        BeatReconstructor b = new BeatReconstructor(100);
        b.accept(hr(10_000, 1_000), "x", r);
        // a notification with one beat (ending 11000) was lost: this one starts at 12000 - 1000 = 11000
        b.accept(hr(12_000, 1_000), "lost-messages", r);
        assertThat(r.gaps).containsExactly(new Gap(10_000, 11_000, "lost-messages"));
        assertThat(r.beats).extracting(Beat::live).containsOnly(true);
    }

    @Test
    void differenceWithinToleranceIsNotAGap() {
        Recorder r = new Recorder();
        BeatReconstructor b = new BeatReconstructor(100);
        b.accept(hr(10_000, 1_000), "x", r);
        b.accept(hr(11_080, 1_000), "x", r); // starts 80 ms after the last beat: clock jitter
        b.accept(hr(11_990, 1_000), "x", r); // starts 90 ms before it
        assertThat(r.gaps).isEmpty();
    }

    @Test
    void overlapBeyondToleranceIsAGapAndOverlappingBeatsAreNotLive() {
        Recorder r = new Recorder();
        BeatReconstructor b = new BeatReconstructor(100);
        b.accept(hr(10_000, 1_000), "x", r);
        b.accept(hr(10_500, 1_000, 1_000), "x", r); // starts 8500, ends 9500 and 10500
        assertThat(r.gaps).containsExactly(new Gap(8_500, 10_000, "clock-overlap"));
        assertThat(r.beats.subList(1, 3)).containsExactly(new Beat(9_500, 1_000, false),
                new Beat(10_500, 1_000, true));
    }

    @Test
    void messagesWithoutRrLeaveContinuityToTheNextRr() {
        Recorder r = new Recorder();
        BeatReconstructor b = new BeatReconstructor(100);
        b.accept(hr(10_000, 1_000), "x", r);
        b.accept(hr(10_500), "x", r);
        b.accept(hr(11_000, 1_000), "x", r);
        assertThat(r.gaps).isEmpty();
        assertThat(r.beats).hasSize(2);
    }

    @Test
    void lateMessagesAreReconstructedButNotLive() {
        Recorder r = new Recorder();
        BeatReconstructor.acceptLate(hr(5_000, 500, 700), r);
        assertThat(r.beats).containsExactly(new Beat(4_300, 500, false), new Beat(5_000, 700, false));
    }
}
