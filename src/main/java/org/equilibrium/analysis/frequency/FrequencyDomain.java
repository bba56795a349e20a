package org.equilibrium.analysis.frequency;

/**
 * Frequency-domain HRV from a PSD (bands per Task Force 1996: VLF 0.0033–0.04, LF 0.04–0.15,
 * HF 0.15–0.40 Hz; each band lo ≤ f &lt; hi). A band is null when the analysed span is shorter than it
 * needs: HF 60 s and LF 120 s (the Task Force's "approximately 1 min" and "2 min"), VLF 240 s (the Task
 * Force advises against VLF from ≤ 5-min recordings; it is reported, as Kubios does, and should be read
 * with that caution). Ratios are null when a part is missing or the denominator is 0.
 *
 * @param respRateBpm 60 · HF peak frequency (breaths per minute)
 */
public record FrequencyDomain(Double vlfMs2, Double lfMs2, Double hfMs2, Double lfHf, Double lfNu, Double hfNu,
                              Double lfPeakHz, Double hfPeakHz, Double respRateBpm, Double totalPowerMs2) {

    public static final double VLF_LO = 0.0033;
    public static final double LF_LO = 0.04;
    public static final double HF_LO = 0.15;
    public static final double HF_HI = 0.40;
    public static final double MIN_SPAN_HF_S = 60;
    public static final double MIN_SPAN_LF_S = 120;
    public static final double MIN_SPAN_VLF_S = 240;
    /**
     * A window's beats never fall exactly on its edges, so a nominal 120-s window covers 120 s ± one beat:
     * the minimum spans are met at 95 % (within a beat at 40 bpm for the LF minimum).
     */
    public static final double SPAN_TOLERANCE = 0.95;

    public static FrequencyDomain of(Psd psd, double spanS) {
        if (psd == null) {
            return null;
        }
        Double vlf = spanS >= SPAN_TOLERANCE * MIN_SPAN_VLF_S && psd.binsIn(VLF_LO, LF_LO) >= 2 ? psd.bandPower(VLF_LO, LF_LO) : null;
        Double lf = spanS >= SPAN_TOLERANCE * MIN_SPAN_LF_S && psd.binsIn(LF_LO, HF_LO) >= 2 ? psd.bandPower(LF_LO, HF_LO) : null;
        Double hf = spanS >= SPAN_TOLERANCE * MIN_SPAN_HF_S && psd.binsIn(HF_LO, HF_HI) >= 2 ? psd.bandPower(HF_LO, HF_HI) : null;
        Double lfPeak = lf != null ? psd.peakHz(LF_LO, HF_LO) : null;
        Double hfPeak = hf != null ? psd.peakHz(HF_LO, HF_HI) : null;
        Double lfHf = lf != null && hf != null && hf > 0 ? lf / hf : null;
        Double lfNu = lf != null && hf != null && lf + hf > 0 ? 100 * lf / (lf + hf) : null;
        Double hfNu = lf != null && hf != null && lf + hf > 0 ? 100 * hf / (lf + hf) : null;
        Double total = vlf != null && lf != null && hf != null ? psd.bandPower(VLF_LO, HF_HI) : null;
        return new FrequencyDomain(vlf, lf, hf, lfHf, lfNu, hfNu, lfPeak, hfPeak,
                hfPeak != null ? 60 * hfPeak : null, total);
    }
}
