package org.equilibrium.sim.strap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.equilibrium.sim.heart.AutonomicDrive;
import org.equilibrium.sim.heart.Beat;
import org.equilibrium.sim.heart.BeatKind;
import org.equilibrium.sim.heart.HeartModel;
import org.equilibrium.sim.heart.PatientParameters;
import org.junit.jupiter.api.Test;

class StrapFirmwareTest {

    /** A metronome heart: beats every {@code rrMs}, first at {@code rrMs}. */
    private static BeatSource metronome(double rrMs) {
        double[] t = {0};
        return () -> {
            t[0] += rrMs;
            return new Beat(t[0], rrMs, BeatKind.SINUS);
        };
    }

    private static List<HrNotification> run(StrapFirmware strap, long untilMs) {
        List<HrNotification> out = new ArrayList<>();
        strap.advanceTo(untilMs, out::add);
        return out;
    }

    @Test
    void genericStrapNotifiesAboutOncePerSecondWithTheRrThatEndedSince() {
        HeartModel heart = new HeartModel(PatientParameters.typical(), 3, new AutonomicDrive(-0.5, 15, false, 25), 0);
        List<Beat> beats = new ArrayList<>();
        StrapFirmware strap = new StrapFirmware(StrapProfile.GENERIC, () -> {
            Beat b = heart.nextBeat(new AutonomicDrive(-0.5, 15, false, 25));
            beats.add(b);
            return b;
        }, 1, 90, 0);
        List<HrNotification> ns = run(strap, 300_000);
        assertThat(ns.size()).isBetween(285, 300);
        long rrCount = 0;
        for (int i = 1; i < ns.size(); i++) {
            HrNotification prev = ns.get(i - 1);
            HrNotification n = ns.get(i);
            assertThat(n.rr1024().length).isBetween(1, 3);
            assertThat(n.tMs() - prev.tMs()).isBetween(400L, 2000L);
            // the last RR ends at ts: the RR of a notification span exactly the time since the previous one
            double spanMs = 0;
            for (double rr : n.rrMs()) {
                spanMs += rr;
            }
            assertThat(spanMs).isCloseTo(n.tMs() - prev.tMs(), within(2.0));
            assertThat(n.seq()).isEqualTo(prev.seq() + 1);
            rrCount += n.rr1024().length;
        }
        // every beat after the first is reported once
        assertThat(rrCount).isBetween(beats.size() - 4L, (long) beats.size());
    }

    @Test
    void polarLikeStrapWithholdsRrForFiveSecondsAfterConnectThenSendsOnePerBeat() {
        StrapFirmware strap = new StrapFirmware(StrapProfile.POLAR_H10, metronome(800), 1, 90, 0);
        List<HrNotification> ns = run(strap, 20_000);
        for (HrNotification n : ns) {
            if (n.tMs() < 5000) {
                assertThat(n.rr1024()).isEmpty();
            } else {
                // 800 ms on the 1024 Hz clock is 819.2 ticks: 819 or 820
                assertThat(n.rr1024()).hasSize(1);
                assertThat(n.rr1024()[0]).isBetween(819, 820);
            }
            assertThat(n.bpm()).isEqualTo(75);
        }
        assertThat(ns).hasSize(24);
        strap.connected(20_000);
        assertThat(run(strap, 24_000)).allSatisfy(n -> assertThat(n.rr1024()).isEmpty());
    }

    @Test
    void offSkinTheStrapSendsContactFalseWithoutRrOncePerSecondAndTheFirstBeatBackHasNoRr() {
        StrapFirmware strap = new StrapFirmware(StrapProfile.GENERIC, metronome(1000), 1, 90, 0);
        run(strap, 10_000);
        strap.setContact(false);
        List<HrNotification> off = run(strap, 15_000);
        assertThat(off).hasSizeBetween(4, 5).allSatisfy(n -> {
            assertThat(n.contactDetected()).isFalse();
            assertThat(n.rr1024()).isEmpty();
            assertThat(n.bpm()).isEqualTo(60);
        });
        strap.setContact(true);
        List<HrNotification> back = run(strap, 20_000);
        assertThat(back.get(0).contactDetected()).isTrue();
        assertThat(back.get(0).rr1024()).isEmpty();
        assertThat(back.get(1).rr1024()).containsExactly(1024);
    }

    @Test
    void missedBeatMergesTwoRrAndExtraBeatSplitsOne() {
        StrapFirmware missed = new StrapFirmware(StrapProfile.POLAR_H10, metronome(1000), 9, 90, 0);
        missed.setMissedBeatProbability(0.2);
        List<Integer> rr = new ArrayList<>();
        run(missed, 300_000).forEach(n -> { for (int v : n.rr1024()) { rr.add(v); } });
        assertThat(rr).contains(2048).allSatisfy(v -> assertThat(v % 1024).isLessThanOrEqualTo(1));
        assertThat(missed.artefactCount()).isBetween(30L, 90L);

        StrapFirmware extra = new StrapFirmware(StrapProfile.POLAR_H10, metronome(1000), 9, 90, 0);
        extra.setExtraBeatProbability(0.2);
        List<Integer> rr2 = new ArrayList<>();
        run(extra, 300_000).forEach(n -> { for (int v : n.rr1024()) { rr2.add(v); } });
        long shortOnes = rr2.stream().filter(v -> v < 700).count();
        assertThat(extra.artefactCount()).isBetween(30L, 90L);
        assertThat(shortOnes).isEqualTo(2 * extra.artefactCount());
        // a split keeps the beat grid: pairs of short intervals sum to one cycle
        assertThat(rr2.stream().mapToLong(Integer::longValue).sum()).isCloseTo(rr2.size() > 0 ? 1024L * 295 : 0,
                within(2048L));
    }

    @Test
    void implausibleIntervalsFromArtefactsAreDroppedSoRrStaysWithinTheContract() {
        StrapFirmware strap = new StrapFirmware(StrapProfile.POLAR_H10, metronome(420), 5, 90, 0);
        strap.setExtraBeatProbability(0.3);
        strap.setMissedBeatProbability(0.4);
        List<Integer> rr = new ArrayList<>();
        run(strap, 600_000).forEach(n -> { for (int v : n.rr1024()) { rr.add(v); } });
        assertThat(strap.rejectedCount()).isPositive();
        assertThat(rr).isNotEmpty().allSatisfy(v -> assertThat(v).isBetween(205, 3072));
    }

    @Test
    void lostNotificationsLeaveGapsInSeq() {
        StrapFirmware strap = new StrapFirmware(StrapProfile.GENERIC, metronome(900), 4, 90, 0);
        strap.setLostNotificationProbability(0.1);
        List<HrNotification> ns = run(strap, 600_000);
        long gaps = 0;
        for (int i = 1; i < ns.size(); i++) {
            gaps += ns.get(i).seq() - ns.get(i - 1).seq() - 1;
        }
        assertThat(gaps).isEqualTo(strap.lostCount()).isBetween(30L, 90L);
    }

    @Test
    void batteryDrainsAtTheProfileRate() {
        StrapFirmware strap = new StrapFirmware(new StrapProfile("generic-hrs-strap", "t", 750, 0, 10, 4, 6), metronome(1000),
                1, 90, 0);
        run(strap, 3_600_000);
        assertThat(strap.batteryPct()).isCloseTo(84, within(0.01));
    }
}
