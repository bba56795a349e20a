package org.equilibrium.analysis.autonomic;

/**
 * PNS and SNS indices in the manner of Kubios HRV (Tarvainen et al., Kubios HRV user's guide; "HRV in
 * evaluating ANS function", kubios.com): each is the unweighted mean of z-scores of three metrics against
 * reference values (Kubios applies undisclosed weights; we do not guess them):
 * PNS = mean(z(MeanNN), z(RMSSD), z(SD1)); SNS = mean(z(MeanHR), z(√SI), z(SD2)).
 * Zero means "like the reference population"; positive PNS = more parasympathetic, positive SNS = more
 * sympathetic.
 *
 * <p>Baseline-relative versions use a personal baseline window's values as the centre and the population
 * SDs as the scale (one baseline window has no SD of its own): PNSrel = mean((x − x_baseline)/SD_ref) over
 * the same metrics. They say how far the current state moved from the patient's own rest.
 */
public record AutonomicIndices(Double pnsIndex, Double snsIndex) {

    /** The metrics the indices use; any may be null (then the index is null). */
    public record Inputs(Double meanNnMs, Double rmssdMs, Double sd1Ms, Double meanHrBpm, Double sqrtSi, Double sd2Ms) {
    }

    public static AutonomicIndices of(Inputs in, ReferenceValues ref) {
        Double pns = in.meanNnMs() == null || in.rmssdMs() == null || in.sd1Ms() == null ? null
                : (ref.meanNnMs().z(in.meanNnMs()) + ref.rmssdMs().z(in.rmssdMs()) + ref.sd1Ms().z(in.sd1Ms())) / 3;
        Double sns = in.meanHrBpm() == null || in.sqrtSi() == null || in.sd2Ms() == null ? null
                : (ref.meanHrBpm().z(in.meanHrBpm()) + ref.sqrtSi().z(in.sqrtSi()) + ref.sd2Ms().z(in.sd2Ms())) / 3;
        return new AutonomicIndices(pns, sns);
    }

    /** Indices of {@code in} relative to {@code baseline}: the baseline's values replace the reference means. */
    public static AutonomicIndices relativeTo(Inputs in, Inputs baseline, ReferenceValues ref) {
        return of(in, recentre(ref, baseline));
    }

    private static ReferenceValues recentre(ReferenceValues ref, Inputs b) {
        return new ReferenceValues(
                at(ref.meanNnMs(), b.meanNnMs()), at(ref.rmssdMs(), b.rmssdMs()), at(ref.sd1Ms(), b.sd1Ms()),
                at(ref.meanHrBpm(), b.meanHrBpm()), at(ref.sqrtSi(), b.sqrtSi()), at(ref.sd2Ms(), b.sd2Ms()));
    }

    private static ReferenceValues.Stat at(ReferenceValues.Stat s, Double centre) {
        // A baseline missing a metric leaves NaN, which makes that index NaN → reported as null by the panel.
        return new ReferenceValues.Stat(centre == null ? Double.NaN : centre, s.sd());
    }
}
