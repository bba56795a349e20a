package org.equilibrium.analysis;

import org.equilibrium.analysis.artefacts.ArtefactCorrector;
import org.equilibrium.analysis.artefacts.LipponenTarvainenCorrector;
import org.equilibrium.analysis.artefacts.ThresholdCorrector;
import org.equilibrium.analysis.autonomic.ReferenceValues;

/**
 * Settings of one analysis; immutable, with the defaults of {@link #DEFAULT}.
 *
 * @param corrector            artefact correction (default: Lipponen &amp; Tarvainen automatic correction)
 * @param method               spectral method (default Welch)
 * @param reference            population values for the PNS/SNS indices (default Nunan et al. 2010)
 * @param minCoverage          below this fraction of the window covered by beats → low-coverage (0.9)
 * @param maxArtefactFraction  above this fraction of corrected intervals → too-many-artefacts (0.05)
 * @param maxIrregularFraction above this fraction of successive NN pairs differing by &gt; 20 % after
 *                             correction → too-many-artefacts (0.05). The 20 % rule is the classic ectopy
 *                             criterion (e.g. Malik M et al., Med Biol Eng Comput 1989;27:603–611).
 */
public record HrvConfig(ArtefactCorrector corrector, SpectralMethod method, ReferenceValues reference,
                        double minCoverage, double maxArtefactFraction, double maxIrregularFraction) {

    public enum SpectralMethod { WELCH, LOMB }

    public static final double IRREGULAR_JUMP = 0.20;

    public static final HrvConfig DEFAULT = new HrvConfig(new LipponenTarvainenCorrector(), SpectralMethod.WELCH,
            ReferenceValues.NUNAN_2010, 0.9, 0.05, 0.05);

    public HrvConfig withCorrector(ArtefactCorrector c) {
        return new HrvConfig(c, method, reference, minCoverage, maxArtefactFraction, maxIrregularFraction);
    }

    public HrvConfig withMethod(SpectralMethod m) {
        return new HrvConfig(corrector, m, reference, minCoverage, maxArtefactFraction, maxIrregularFraction);
    }

    public HrvConfig withReference(ReferenceValues r) {
        return new HrvConfig(corrector, method, r, minCoverage, maxArtefactFraction, maxIrregularFraction);
    }

    /** Parses "none", "auto", "threshold-medium" (any Kubios level: threshold-very-low … threshold-very-strong). */
    public static ArtefactCorrector parseCorrection(String s) {
        if (s.equals("none")) {
            return ArtefactCorrector.NONE;
        }
        if (s.equals("auto")) {
            return new LipponenTarvainenCorrector();
        }
        if (s.startsWith("threshold-")) {
            return new ThresholdCorrector(ThresholdCorrector.Level.parse(s.substring("threshold-".length())));
        }
        throw new IllegalArgumentException("unknown correction '" + s
                + "' (expected none, auto, threshold-very-low|low|medium|strong|very-strong)");
    }
}
