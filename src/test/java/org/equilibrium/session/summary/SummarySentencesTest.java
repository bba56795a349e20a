package org.equilibrium.session.summary;

import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummarySentencesTest {
    private final SessionSummary summary = SummaryFixture.summary();
    private final Practice breathing = Practice.pacedBreathing(6);

    @Test
    void describesTheHrvChangeFromBaseline() {
        assertThat(SummarySentences.hrvChange(summary, PhaseKind.PRACTICE, breathing))
                .contains("Your heart rate variability rose by 33 % from baseline during paced breathing.");
        assertThat(SummarySentences.hrvChange(summary, PhaseKind.RECOVERY, breathing))
                .contains("Your heart rate variability rose by 17 % from baseline during recovery.");
    }

    @Test
    void describesTheHeartRateChange() {
        assertThat(SummarySentences.heartRateChange(summary, PhaseKind.PRACTICE, Practice.of(PracticeType.BODY_SCAN)))
                .contains("Your heart rate fell by 5 beats per minute from baseline during the body scan.");
    }

    @Test
    void describesRestAndDigestTimeAndStimulation() {
        assertThat(SummarySentences.restAndDigestTime(summary, PhaseKind.PRACTICE, breathing))
                .contains("During paced breathing your body was in a rest-and-digest (parasympathetic) state "
                        + "for 2 of 2 minutes.");
        assertThat(SummarySentences.stimulation(summary, PhaseKind.PRACTICE, breathing))
                .contains("During paced breathing you received stimulation for 2 minutes (a dose of 19.0 mA·min).");
        assertThat(SummarySentences.stimulation(summary, PhaseKind.RECOVERY, breathing))
                .contains("During recovery you received stimulation for 5 seconds (a dose of 0.2 mA·min).");
    }

    @Test
    void saysNothingWithoutData() {
        SessionSummary onlyBaseline = new SessionSummary("s-1", 0, List.of(summary.phase(PhaseKind.BASELINE)
                .orElseThrow()));
        assertThat(SummarySentences.hrvChange(onlyBaseline, PhaseKind.PRACTICE, breathing)).isEmpty();
        assertThat(SummarySentences.stimulation(summary, PhaseKind.BASELINE, breathing)).isEmpty();
        assertThatThrownBy(() -> SummarySentences.hrvChange(summary, PhaseKind.BASELINE, breathing))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
