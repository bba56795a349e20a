package org.equilibrium.sim.heart;

import java.util.SplittableRandom;

/**
 * Beat-by-beat sinus-node model with a known autonomic drive.
 *
 * <p>Beat timing is an integral pulse frequency modulation (IPFM) model: the sinus node fires when
 * the integral of its instantaneous rate {@code m(t) = (1 + s(t)) / T0} reaches one (Bayly 1968;
 * Mateo &amp; Laguna, IEEE TBME 47(8):985–996, 2000). Each RR is solved with the midpoint rule,
 * {@code RR = T0 / (1 + s(t + RR/2))}, exact enough because {@code s} changes little within a beat.
 * The modulation {@code s(t)} is the sum of the components whose spectrum McSharry et al. use for
 * ECGSYN (IEEE TBME 50(3):289–294, 2003: a bimodal RR spectrum with Mayer waves near 0.1 Hz and RSA
 * at the breathing rate), plus a 1/f background:
 * <ul>
 *   <li>HF: respiratory sinus arrhythmia, a sinusoid at the (slightly variable) breathing rate;</li>
 *   <li>LF: a Mayer-wave oscillation near 0.1 Hz with jittered frequency and amplitude;</li>
 *   <li>1/f: a sum of Ornstein–Uhlenbeck processes with time constants spread over two decades,
 *       whose summed Lorentzians approximate a 1/f spectrum;</li>
 *   <li>a small white beat-to-beat jitter.</li>
 * </ul>
 * The balance {@code b} (−1 sympathetic … +1 parasympathetic) scales them: vagal activity raises
 * RSA and lowers the mean rate, sympathetic activity raises rate and the LF share. Breathing near
 * the baroreflex resonance (~0.1 Hz, 6/min) amplifies RSA several-fold, as resonance-frequency
 * breathing does in people (Lehrer &amp; Gevirtz, Front Psychol 5:756, 2014). Balance, HR shift and
 * breathing rate follow their targets through first-order lags, so phase changes are smooth.
 *
 * <p>Pure and deterministic: same parameters, seed and drive sequence give the same beats. Not
 * thread-safe; one instance per simulated heart.
 */
public final class HeartModel {

    /** Physiological clamps on a sinus RR interval. */
    public static final double MIN_RR_MS = 400;
    public static final double MAX_RR_MS = 1500;

    static final double BALANCE_TAU_S = 25;
    static final double HR_SHIFT_TAU_S = 20;
    static final double BREATHING_TAU_S = 8;
    /** HR change per unit balance, bpm: vagal withdrawal raises rate. */
    static final double HR_PER_BALANCE_BPM = 7;
    /** Log-gain of RSA amplitude per unit balance. */
    static final double HF_GAIN_PER_BALANCE = 0.45;
    /** Log-gain of Mayer-wave amplitude per unit balance (negative: sympathetic raises LF). */
    static final double LF_GAIN_PER_BALANCE = -0.2;
    /** Extra RSA gain at exact resonance, and the half-width of the resonance in Hz. */
    static final double RESONANCE_GAIN = 2.2;
    static final double RESONANCE_WIDTH_HZ = 0.025;
    /** Low-pass of the respiratory-to-heart-rate transfer: RSA shrinks with faster breathing. */
    static final double RSA_CORNER_HZ = 0.3;
    /** Ceiling of the relative RSA amplitude (an RR swing of about ±16 %). */
    static final double MAX_HF_AMPLITUDE = 0.16;
    static final double[] VLF_TAUS_S = {3, 10, 30, 100, 300};
    static final double WHITE_JITTER = 0.003;

    private final PatientParameters patient;
    private final SplittableRandom random;

    private double timeMs;
    private double balance;
    private double hrShiftBpm;
    private double breathingHzLag;
    private double breathNoise;
    private double respPhase;
    private double mayerPhase;
    private double mayerJitterHz;
    private double mayerAmpMod;
    private final double[] vlf = new double[VLF_TAUS_S.length];
    private double lastRrMs;
    private double ectopicProbability;
    private double pendingCompensatoryMs = Double.NaN;
    private boolean paced;

    /**
     * @param patient this person's parameters
     * @param seed    seeds every random component
     * @param initial the drive at the start (the slow state starts settled at it)
     * @param startMs virtual time of the first R peak
     */
    public HeartModel(PatientParameters patient, long seed, AutonomicDrive initial, double startMs) {
        this.patient = patient;
        this.random = new SplittableRandom(seed);
        this.timeMs = startMs;
        this.balance = initial.balance();
        this.hrShiftBpm = initial.hrShiftBpm();
        this.breathingHzLag = breathingTargetHz(initial);
        this.paced = initial.paced();
        this.respPhase = random.nextDouble() * 2 * Math.PI;
        this.mayerPhase = random.nextDouble() * 2 * Math.PI;
        double sd = patient.vlfAmplitude() / Math.sqrt(VLF_TAUS_S.length);
        for (int i = 0; i < vlf.length; i++) {
            vlf[i] = sd * random.nextGaussian();
        }
        this.lastRrMs = meanRrMs();
    }

    /** Probability that the next beat is a premature (ectopic) beat; 0 for none. */
    public void setEctopicProbability(double p) {
        if (!(p >= 0 && p <= 0.5)) {
            throw new IllegalArgumentException("ectopic probability must be in [0, 0.5], got " + p);
        }
        this.ectopicProbability = p;
    }

    /** Time of the last generated R peak (virtual ms). */
    public double timeMs() {
        return timeMs;
    }

    /** Current (lagged) balance, the ground truth a service should estimate. */
    public double balance() {
        return balance;
    }

    /** Current breathing rate including its natural variability, breaths per minute. */
    public double breathingPerMin() {
        return breathingHz() * 60;
    }

    /** Mean heart rate the model is oscillating around right now. */
    public double meanHrBpm() {
        return Math.max(30, patient.restingHrBpm() - HR_PER_BALANCE_BPM * balance + hrShiftBpm);
    }

    /**
     * Generates the next beat under {@code drive} (the targets that hold for this beat).
     */
    public Beat nextBeat(AutonomicDrive drive) {
        if (!Double.isNaN(pendingCompensatoryMs)) {
            double rr = pendingCompensatoryMs;
            pendingCompensatoryMs = Double.NaN;
            advanceState(drive, rr);
            timeMs += rr;
            return new Beat(timeMs, rr, BeatKind.COMPENSATORY);
        }
        double rr = sinusRr();
        if (ectopicProbability > 0 && random.nextDouble() < ectopicProbability) {
            // A premature beat at 60–75 % of the cycle; the next beat comes on the sinus schedule, so
            // the pair spans two cycles (a full compensatory pause).
            double premature = Math.max(MIN_RR_MS * 0.75, rr * (0.6 + 0.15 * random.nextDouble()));
            pendingCompensatoryMs = 2 * rr - premature;
            advanceState(drive, premature);
            timeMs += premature;
            return new Beat(timeMs, premature, BeatKind.ECTOPIC);
        }
        advanceState(drive, rr);
        timeMs += rr;
        return new Beat(timeMs, rr, BeatKind.SINUS);
    }

    private double sinusRr() {
        double t0 = 60_000.0 / meanHrBpm();
        double guess = t0 / (1 + modulation(lastRrMs / 2));
        double rr = t0 / (1 + modulation(guess / 2));
        rr *= 1 + WHITE_JITTER * random.nextGaussian();
        rr = Math.max(MIN_RR_MS, Math.min(MAX_RR_MS, rr));
        lastRrMs = rr;
        return rr;
    }

    /** Relative rate modulation s at {@code aheadMs} after the last R peak. */
    private double modulation(double aheadMs) {
        double f = breathingHz();
        double aheadS = aheadMs / 1000;
        double hf = hfAmplitude(f) * Math.sin(respPhase + 2 * Math.PI * f * aheadS);
        double mayerHz = patient.mayerHz() + mayerJitterHz;
        double lf = lfAmplitude() * (1 + mayerAmpMod) * Math.sin(mayerPhase + 2 * Math.PI * mayerHz * aheadS);
        double background = 0;
        for (double v : vlf) {
            background += v;
        }
        return hf + lf + background;
    }

    double hfAmplitude(double breathingHz) {
        double transfer = 1 / Math.sqrt(1 + Math.pow(breathingHz / RSA_CORNER_HZ, 2));
        double d = (breathingHz - patient.mayerHz()) / RESONANCE_WIDTH_HZ;
        double resonance = 1 + RESONANCE_GAIN * Math.exp(-d * d);
        double a = patient.hfAmplitude() * Math.exp(HF_GAIN_PER_BALANCE * balance) * transfer * resonance;
        return MAX_HF_AMPLITUDE * Math.tanh(a / MAX_HF_AMPLITUDE);
    }

    private double lfAmplitude() {
        return patient.lfAmplitude() * Math.exp(LF_GAIN_PER_BALANCE * balance);
    }

    private double breathingHz() {
        return breathingHzLag * (1 + breathNoise);
    }

    private double meanRrMs() {
        return 60_000.0 / meanHrBpm();
    }

    private double breathingTargetHz(AutonomicDrive d) {
        double perMin = d.paced() ? d.breathingPerMin() : Math.max(4, d.breathingPerMin() + patient.breathingBiasPerMin());
        return perMin / 60;
    }

    /** Moves every slow state and oscillator phase forward by {@code dtMs}. */
    private void advanceState(AutonomicDrive drive, double dtMs) {
        double dtS = dtMs / 1000;
        double f = breathingHz();
        respPhase = wrap(respPhase + 2 * Math.PI * f * dtS);
        mayerPhase = wrap(mayerPhase + 2 * Math.PI * (patient.mayerHz() + mayerJitterHz) * dtS);

        balance += (drive.balance() - balance) * (1 - Math.exp(-dtS / BALANCE_TAU_S));
        hrShiftBpm += (drive.hrShiftBpm() - hrShiftBpm) * (1 - Math.exp(-dtS / HR_SHIFT_TAU_S));
        breathingHzLag += (breathingTargetHz(drive) - breathingHzLag) * (1 - Math.exp(-dtS / BREATHING_TAU_S));
        paced = drive.paced();

        // Spontaneous breathing wanders by ~5 % around its rate; a pacer holds it within ~1 %.
        breathNoise = ou(breathNoise, dtS, 10, paced ? 0.01 : 0.05);
        mayerJitterHz = ou(mayerJitterHz, dtS, 20, 0.006);
        mayerAmpMod = ou(mayerAmpMod, dtS, 15, 0.3);
        double sd = patient.vlfAmplitude() / Math.sqrt(VLF_TAUS_S.length);
        for (int i = 0; i < vlf.length; i++) {
            vlf[i] = ou(vlf[i], dtS, VLF_TAUS_S[i], sd);
        }
    }

    /** Exact update of an Ornstein–Uhlenbeck process with stationary SD {@code sd}. */
    private double ou(double x, double dtS, double tauS, double sd) {
        double e = Math.exp(-dtS / tauS);
        return x * e + sd * Math.sqrt(1 - e * e) * random.nextGaussian();
    }

    private static double wrap(double phase) {
        double twoPi = 2 * Math.PI;
        return phase >= twoPi ? phase % twoPi : phase;
    }
}
