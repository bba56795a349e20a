package org.equilibrium.sim.stim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.equilibrium.sim.stim.StimEnums.Fault;
import org.equilibrium.sim.stim.StimEnums.Modality;
import org.equilibrium.sim.stim.StimEnums.Program;
import org.equilibrium.sim.stim.StimEnums.State;
import org.junit.jupiter.api.Test;

/** Vectors laid out by hand from the sim-tens-telemetry-v1 table. */
class SimTensTelemetryEncoderTest {

    @Test
    void encodesARunningBurstTensSample() {
        StimTelemetry t = new StimTelemetry(0, 0x1234, Modality.TENS, State.RUNNING, Program.BURST, 1, 80.0, 200, 12_500,
                true, 1500, 81, 1200, Fault.NONE);
        // 01 | 22 (running, tens, electrode ok) | 01 (burst, ch 1) | 00 | 3412 | 2003 (800) | c800 (200)
        // | d4300000 (12500) | dc05 (1500) | 51 (81) | b004 (1200)
        assertThat(HexFormat.of().formatHex(SimTensTelemetryEncoder.encode(t)))
                .isEqualTo("0122010034122003c800d4300000dc0551b004");
    }

    @Test
    void encodesAStoppedMicrocurrentUnitInLeadOffFault() {
        StimTelemetry t = new StimTelemetry(0, 65_537, Modality.MICROCURRENT, State.FAULT, Program.CONVENTIONAL, 2, 10,
                50_000, 0, false, 90_000, 50, -1, Fault.LEAD_OFF);
        // state 4 | microcurrent bit 4, no electrode bit | program 0, channel 2 → 0x10 | fault 1 | seq wraps to 1
        // | freq 0, pw 0 (not running) | current 0 | impedance saturates at fffe | 50 % | no timer ffff
        assertThat(HexFormat.of().formatHex(SimTensTelemetryEncoder.encode(t)))
                .isEqualTo("0114100101000000000000000000feff32ffff");
        assertThat(SimTensTelemetryEncoder.encode(t)).hasSize(19);
    }
}
