package org.equilibrium.session.autonomic;

import org.equilibrium.session.PhaseKind;

/**
 * One 5-s estimate of a session's autonomic state.
 *
 * @param phase        the session phase at the window end, or null outside the phases
 * @param state        the label; {@link AutonomicState#UNKNOWN} whenever {@code quality} is not ok
 * @param heldState    the last label confirmed on ok windows (what a display may show greyed out),
 *                     {@code UNKNOWN} before the first
 * @param balanceZ     combined balance in SD units, + parasympathetic / − sympathetic; NaN when not ok
 * @param balanceScore tanh(balanceZ / scale), in (−1, +1); NaN when not ok
 * @param relativeZ    the baseline-relative part, NaN without a baseline
 * @param populationZ  the population part (PNS − SNS)/2, NaN when not computable
 * @param confidence   0–1; exactly 0 when quality is not ok
 * @param stimulation  stimulation at the window end, never null
 */
public record AutonomicEstimate(long windowEndMs, PhaseKind phase, AutonomicState state, AutonomicState heldState,
                                double balanceZ, double balanceScore, double relativeZ, double populationZ,
                                double confidence, QualityFlag quality, ScoreBasis basis, WindowMetrics metrics,
                                StimulationContext stimulation) {
    public AutonomicEstimate {
        if (state == null || heldState == null || quality == null || basis == null || metrics == null
                || stimulation == null) {
            throw new IllegalArgumentException("state, held state, quality, basis, metrics and stimulation are required");
        }
        if (quality != QualityFlag.OK && (state != AutonomicState.UNKNOWN || confidence != 0)) {
            throw new IllegalArgumentException("a window of quality " + quality.wireName()
                    + " carries no label and zero confidence");
        }
        if (quality == QualityFlag.OK && state == AutonomicState.UNKNOWN) {
            throw new IllegalArgumentException("a window of quality ok carries a label");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }

    public boolean qualityOk() {
        return quality == QualityFlag.OK;
    }
}
