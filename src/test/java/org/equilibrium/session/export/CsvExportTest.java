package org.equilibrium.session.export;

import org.equilibrium.decode.StimReading;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.RecordedBeat;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.AutonomicState;
import org.equilibrium.session.autonomic.QualityFlag;
import org.equilibrium.session.autonomic.ScoreBasis;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.session.autonomic.WindowMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.equilibrium.session.SessionFixtures.STRAP;
import static org.equilibrium.session.SessionFixtures.T0;

class CsvExportTest {

    @Test
    void writesRawBeatsWithIsoAndEpochTimes() {
        String csv = CsvExport.beats(List.of(new RecordedBeat(STRAP, T0, 850),
                new RecordedBeat(STRAP, T0 + 812, 812.5),
                new RecordedBeat(STRAP, T0 + 1_625, 812.98828125)));   // 1/1024-s resolution stays exact
        assertThat(csv).isEqualTo("time_utc,epoch_ms,device,rr_ms\r\n"
                + "2025-11-21T16:00:00.000Z,1763740800000,strap-1,850\r\n"
                + "2025-11-21T16:00:00.812Z,1763740800812,strap-1,812.5\r\n"
                + "2025-11-21T16:00:01.625Z,1763740801625,strap-1,812.98828125\r\n");
    }

    @Test
    void writesOneSeriesRowPerEstimateWithEmptyFieldsForMissingValues() {
        WindowMetrics okMetrics = new WindowMetrics(T0 + 65_000, 64.25, 41.456, 52.1, 612.34, 1.8, 0.45, 6.1,
                0.4, -0.2, 0.98, 0.01, true, 64);
        AutonomicEstimate ok = new AutonomicEstimate(T0 + 65_000, PhaseKind.PRACTICE, AutonomicState.PARASYMPATHETIC,
                AutonomicState.PARASYMPATHETIC, 1.23456, 0.5493, 1.5, 0.3, 0.8123,
                QualityFlag.OK, ScoreBasis.BASELINE, okMetrics,
                new StimulationContext(true, StimReading.Modality.TENS, 12_500, "burst, \"soft\""));
        WindowMetrics lost = new WindowMetrics(T0 + 70_000, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, false, 0);
        AutonomicEstimate bad = new AutonomicEstimate(T0 + 70_000, PhaseKind.PRACTICE, AutonomicState.UNKNOWN,
                AutonomicState.PARASYMPATHETIC, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                QualityFlag.NO_CONTACT, ScoreBasis.NONE, lost, StimulationContext.none());

        String[] lines = CsvExport.series(List.of(ok, bad)).split("\r\n", -1);

        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(CsvExport.SERIES_HEADER);
        assertThat(lines[1]).isEqualTo("2025-11-21T16:01:05.000Z,1763740865000,practice,parasympathetic,"
                + "parasympathetic,ok,0.812,1.235,0.549,baseline,1.5,0.3,64.25,41.46,52.1,612.3,1.8,0.45,6.1,0.4,"
                + "-0.2,0.98,0.01,64,true,true,tens,12500,\"burst, \"\"soft\"\"\"");
        assertThat(lines[2]).isEqualTo("2025-11-21T16:01:10.000Z,1763740870000,practice,unknown,parasympathetic,"
                + "no-contact,0,,,none,,,,,,,,,,,,0,0,0,false,false,,0,");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[1].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1))
                .hasSize(CsvExport.SERIES_HEADER.split(",").length);
    }
}
