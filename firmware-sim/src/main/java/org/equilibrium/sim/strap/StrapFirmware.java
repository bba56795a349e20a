package org.equilibrium.sim.strap;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.equilibrium.sim.heart.Beat;

/**
 * The firmware of a chest strap: detects the beats of the heart it sits on, timestamps them on its
 * 1024 Hz clock, and produces Heart Rate Measurement notifications as its {@link StrapProfile} does.
 *
 * <p>Detection artefacts are the strap's (the heart's own ectopic beats come from the heart model):
 * a missed R peak merges two RR intervals into one, a spurious detection splits one RR into two, a
 * lost notification (radio) leaves a gap in {@code seq}, and off-skin the strap detects nothing.
 * After contact returns, the first detected beat carries no RR (there is no previous beat to
 * measure from), as with real straps.
 *
 * <p>Pure and deterministic given its seed and the beat source; not thread-safe.
 */
public final class StrapFirmware {
    private static final long OFF_SKIN_INTERVAL_MS = 1000;
    private static final long SILENCE_TIMEOUT_MS = 2000;
    /** 200 ms and 3000 ms on the 1024 Hz clock. */
    static final long MIN_RR_TICKS = 205;
    static final long MAX_RR_TICKS = 3072;

    private final StrapProfile profile;
    private final BeatSource heart;
    private final SplittableRandom random;

    private Beat nextBeat;
    private long lastTick = Long.MIN_VALUE;
    private long lastNotifyMs;
    private long nextDueMs = Long.MIN_VALUE;
    private long connectedAtMs;
    private long seq;
    private int notifications;
    private int bpm;
    private final int[] recentRr;
    private int recentCount;
    private final int[] pending = new int[HeartRateMeasurementEncoder.MAX_RR_WITH_ENERGY];
    private int pendingCount;
    private boolean contact = true;
    private double missedProbability;
    private double extraProbability;
    private double lostProbability;
    private double batteryPct;
    private double energyKj;
    private long lastEnergyMs;
    private long lostCount;
    private long lastBatteryMs;
    private long rejectedCount;
    private long artefactCount;

    public StrapFirmware(StrapProfile profile, BeatSource heart, long seed, double batteryPct, long startMs) {
        this.profile = profile;
        this.heart = heart;
        this.random = new SplittableRandom(seed);
        this.batteryPct = batteryPct;
        this.recentRr = new int[Math.max(1, profile.bpmAverageBeats())];
        this.nextBeat = heart.next();
        this.lastNotifyMs = startMs;
        this.connectedAtMs = startMs;
        this.lastEnergyMs = startMs;
        this.lastBatteryMs = startMs;
    }

    public StrapProfile profile() {
        return profile;
    }

    /** A (re)connection: a Polar-like strap withholds RR for its lock time again. */
    public void connected(long tMs) {
        connectedAtMs = tMs;
    }

    public void setContact(boolean onSkin) {
        if (onSkin && !contact) {
            lastTick = Long.MIN_VALUE;
        }
        if (!onSkin) {
            // RR measured before the strap lost the skin never reaches a later notification.
            pendingCount = 0;
        }
        contact = onSkin;
    }

    public boolean contact() {
        return contact;
    }

    public void setMissedBeatProbability(double p) {
        missedProbability = checkProbability(p);
    }

    public void setExtraBeatProbability(double p) {
        extraProbability = checkProbability(p);
    }

    public void setLostNotificationProbability(double p) {
        lostProbability = checkProbability(p);
    }

    public double batteryPct() {
        return batteryPct;
    }

    /** Notifications produced but lost on the radio. */
    public long lostCount() {
        return lostCount;
    }

    /** Intervals dropped by the plausibility filter. */
    public long rejectedCount() {
        return rejectedCount;
    }

    /** Missed and spurious detections so far. */
    public long artefactCount() {
        return artefactCount;
    }

    /**
     * Runs the firmware up to {@code tMs} (virtual), handing every delivered notification to
     * {@code out} in time order.
     */
    public void advanceTo(long tMs, Consumer<HrNotification> out) {
        while (true) {
            long beatMs = (long) Math.floor(nextBeat.endMs());
            long timerMs = lastNotifyMs + (contact ? SILENCE_TIMEOUT_MS : OFF_SKIN_INTERVAL_MS);
            if (Math.min(beatMs, timerMs) > tMs) {
                break;
            }
            if (beatMs <= timerMs) {
                Beat beat = nextBeat;
                nextBeat = heart.next();
                if (contact) {
                    onDetectedBeat(beat, out);
                }
            } else {
                // Silence (off skin, or no beat detected for a while): a keep-alive without RR.
                if (bpm > 0) {
                    emit(timerMs, false, out);
                } else {
                    lastNotifyMs = timerMs;
                }
            }
        }
        drainBattery(tMs);
    }

    private void onDetectedBeat(Beat beat, Consumer<HrNotification> out) {
        if (missedProbability > 0 && random.nextDouble() < missedProbability) {
            // The R peak is not detected: its RR merges into the next one.
            artefactCount++;
            return;
        }
        long beatMs = (long) Math.floor(beat.endMs());
        if (extraProbability > 0 && lastTick != Long.MIN_VALUE && random.nextDouble() < extraProbability) {
            // A spurious detection (a T wave or motion) inside this RR splits it in two.
            artefactCount++;
            long tick = lastTick + Math.round((beat.endMs() * 1.024 - lastTick) * (0.35 + 0.3 * random.nextDouble()));
            detect(tick, (long) Math.floor(tick / 1.024), out);
        }
        detect((long) Math.floor(beat.endMs() * 1.024), beatMs, out);
    }

    private void detect(long tick, long atMs, Consumer<HrNotification> out) {
        long interval = lastTick == Long.MIN_VALUE ? -1 : tick - lastTick;
        if (interval >= 0 && (interval < MIN_RR_TICKS || interval > MAX_RR_TICKS)) {
            // Plausibility filter: an interval no heart produces (a double detection, several
            // missed peaks) is dropped rather than reported, keeping RR within 200–3000 ms.
            interval = -1;
            rejectedCount++;
        }
        if (interval >= 0) {
            int rr = (int) interval;
            recentRr[recentCount % recentRr.length] = rr;
            recentCount++;
            int n = Math.min(recentCount, recentRr.length);
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += recentRr[i];
            }
            bpm = (int) Math.max(20, Math.min(250, Math.round(60.0 * 1024 * n / sum)));
            if (atMs - connectedAtMs >= profile.rrLockMs()) {
                if (pendingCount == pending.length) {
                    System.arraycopy(pending, 1, pending, 0, pending.length - 1);
                    pendingCount--;
                }
                pending[pendingCount++] = rr;
            }
        }
        lastTick = tick;
        if (bpm > 0 && atMs >= nextDueMs) {
            emit(atMs, true, out);
            if (profile.periodMs() > 0) {
                nextDueMs = Math.floorDiv(atMs, profile.periodMs()) * profile.periodMs() + profile.periodMs();
            }
        }
    }

    private void emit(long atMs, boolean withRr, Consumer<HrNotification> out) {
        seq++;
        notifications++;
        lastNotifyMs = atMs;
        int[] rr = new int[withRr ? pendingCount : 0];
        System.arraycopy(pending, 0, rr, 0, rr.length);
        if (withRr) {
            pendingCount = 0;
        }
        energyKj += (atMs - lastEnergyMs) / 1000.0 * 0.084 * bpm / 70.0;
        lastEnergyMs = atMs;
        int energy = profile.energyEveryN() > 0 && notifications % profile.energyEveryN() == 0
                ? (int) Math.min(0xFFFF, Math.round(energyKj)) : -1;
        if (energy >= 0 && rr.length > HeartRateMeasurementEncoder.MAX_RR_WITH_ENERGY) {
            energy = -1;
        }
        if (lostProbability > 0 && random.nextDouble() < lostProbability) {
            lostCount++;
            return;
        }
        out.accept(new HrNotification(atMs, seq, bpm, rr, contact, energy));
    }

    private void drainBattery(long tMs) {
        double hours = (tMs - lastBatteryMs) / 3_600_000.0;
        if (hours > 0) {
            batteryPct = Math.max(0, batteryPct - hours * profile.batteryDrainPctPerHour());
            lastBatteryMs = tMs;
        }
    }

    private static double checkProbability(double p) {
        if (!(p >= 0 && p <= 0.5)) {
            throw new IllegalArgumentException("probability must be in [0, 0.5], got " + p);
        }
        return p;
    }
}
