package org.equilibrium.sim.stim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.equilibrium.sim.stim.StimEnums.Fault;
import org.equilibrium.sim.stim.StimEnums.State;
import org.junit.jupiter.api.Test;

class StimulatorTest {
    private final List<StimTelemetry> telemetry = new ArrayList<>();

    private Stimulator tens() {
        return new Stimulator(StimulatorModel.SIM_TENS, 1, 90, 0);
    }

    private static StimAck cmd(Stimulator s, String json) {
        return s.handle(StimCommand.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesCurrentBeyondTheDeviceLimitAndSaysWhy() {
        Stimulator s = tens();
        StimAck ack = cmd(s, "{\"id\":\"c0ffee01\",\"op\":\"start\",\"current_ua\":90000}");
        assertThat(ack.ok()).isFalse();
        assertThat(ack.error()).isEqualTo("current_ua 90000 exceeds device limit 80000");
        assertThat(new String(ack.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"c0ffee01\",\"ok\":false,\"error\":\"current_ua 90000 exceeds device limit 80000\"}");
        s.advanceTo(5000, telemetry::add);
        assertThat(telemetry).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(State.STOPPED);
            assertThat(t.currentUa()).isZero();
        });
    }

    @Test
    void refusesOutOfRangeFrequencyPulseWidthProgramAndOp() {
        Stimulator s = tens();
        assertThat(cmd(s, "{\"id\":\"a\",\"op\":\"set\",\"frequency_hz\":200}").error())
                .isEqualTo("frequency_hz 200 outside device range 1-150");
        assertThat(cmd(s, "{\"id\":\"b\",\"op\":\"set\",\"pulse_width_us\":500}").error())
                .isEqualTo("pulse_width_us 500 outside device range 50-400");
        assertThat(cmd(s, "{\"id\":\"c\",\"op\":\"set\",\"program\":\"zap\"}").error()).startsWith("program 'zap' unknown");
        assertThat(cmd(s, "{\"id\":\"d\",\"op\":\"explode\"}").error()).startsWith("op 'explode' unknown");
        assertThat(cmd(s, "{\"op\":\"stop\"}").error()).isEqualTo("missing id");
        assertThat(cmd(s, "{\"id\":\"e\",\"op\":\"start\"}").error()).isEqualTo("current_ua must be > 0 to start");
        Stimulator micro = new Stimulator(StimulatorModel.SIM_MICROCURRENT, 1, 90, 0);
        assertThat(cmd(micro, "{\"id\":\"f\",\"op\":\"set\",\"current_ua\":1001}").error())
                .isEqualTo("current_ua 1001 exceeds device limit 1000");
        assertThat(cmd(micro, "{\"id\":\"g\",\"op\":\"set\",\"pulse_width_us\":200}").error())
                .startsWith("pulse_width_us is not settable");
    }

    @Test
    void malformedCommandsAreRejectedWithTheirIdWhenReadable() {
        assertThatThrownBy(() -> StimCommand.parse("{\"id\":\"x1\",\"current_ua\":\"lots\"}".getBytes()))
                .isInstanceOfSatisfying(StimCommand.InvalidCommand.class, e -> {
                    assertThat(e.commandId()).isEqualTo("x1");
                    assertThat(e.getMessage()).isEqualTo("current_ua must be a number");
                });
        assertThatThrownBy(() -> StimCommand.parse("not json".getBytes()))
                .isInstanceOfSatisfying(StimCommand.InvalidCommand.class, e -> assertThat(e.commandId()).isNull());
    }

    @Test
    void acceptedCommandAcksTheValuesActuallyApplied() {
        Stimulator micro = new Stimulator(StimulatorModel.SIM_MICROCURRENT, 1, 90, 0);
        StimAck ack = cmd(micro, "{\"id\":\"m1\",\"op\":\"start\",\"current_ua\":300,\"frequency_hz\":0.5,\"duration_s\":600}");
        assertThat(ack.ok()).isTrue();
        // 50 % duty at 0.5 Hz: each half period is 1 s
        assertThat(ack.applied().pulseWidthUs()).isEqualTo(1_000_000);
        assertThat(ack.applied().currentUa()).isEqualTo(300);
        assertThat(ack.applied().rampUaPerS()).isEqualTo(100);
        assertThat(ack.applied().durationS()).isEqualTo(600);
    }

    @Test
    void rampUpAndDownRespectTheirRates() {
        Stimulator s = tens();
        assertThat(cmd(s, "{\"id\":\"r\",\"op\":\"start\",\"current_ua\":18000,\"frequency_hz\":80,\"pulse_width_us\":200}").ok())
                .isTrue();
        s.advanceTo(15_000, telemetry::add);
        for (int i = 1; i < telemetry.size(); i++) {
            long step = telemetry.get(i).currentUa() - telemetry.get(i - 1).currentUa();
            assertThat(step).isBetween(0L, 2000L);
        }
        assertThat(telemetry.get(5).currentUa()).isEqualTo(10_000);
        assertThat(telemetry.get(5).state()).isEqualTo(State.RAMPING);
        assertThat(telemetry.get(9).currentUa()).isEqualTo(18_000);
        assertThat(telemetry.get(10).state()).isEqualTo(State.RUNNING);
        telemetry.clear();
        cmd(s, "{\"id\":\"s\",\"op\":\"stop\"}");
        s.advanceTo(20_000, telemetry::add);
        // 8 mA/s down: 18 → 10 → 2 → 0 mA
        assertThat(telemetry.stream().map(StimTelemetry::currentUa).toList()).startsWith(10_000L, 2_000L, 0L);
        assertThat(telemetry.get(telemetry.size() - 1).state()).isEqualTo(State.STOPPED);
    }

    @Test
    void leadOffStopsOutputWithinOneTelemetryPeriod() {
        Stimulator s = tens();
        cmd(s, "{\"id\":\"r\",\"op\":\"start\",\"current_ua\":12000}");
        s.advanceTo(20_000, telemetry::add);
        assertThat(s.state()).isEqualTo(State.RUNNING);
        s.setPeeledOff(true);
        long t = 20_000;
        while (s.impedanceOhm() < StimulatorModel.SIM_TENS.leadOffOhm()) {
            t += Stimulator.STEP_MS;
            s.advanceTo(t, telemetry::add);
        }
        long crossedAt = t;
        assertThat(s.outputUa()).isZero();
        assertThat(s.leadOffStoppedAtMs()).isEqualTo(crossedAt);
        telemetry.clear();
        s.advanceTo(crossedAt + StimulatorModel.SIM_TENS.telemetryPeriodMs(), telemetry::add);
        StimTelemetry next = telemetry.get(0);
        assertThat(next.tMs()).isLessThanOrEqualTo(crossedAt + 1000);
        assertThat(next.currentUa()).isZero();
        assertThat(next.state()).isEqualTo(State.FAULT);
        assertThat(next.fault()).isEqualTo(Fault.LEAD_OFF);
        assertThat(next.electrodeOk()).isFalse();
        // restarting is refused until the fault is cleared and the electrode is back on
        assertThat(cmd(s, "{\"id\":\"again\",\"op\":\"start\",\"current_ua\":12000}").error())
                .isEqualTo("device in fault lead-off; send stop to clear");
        assertThat(cmd(s, "{\"id\":\"clear\",\"op\":\"stop\"}").ok()).isTrue();
        assertThat(cmd(s, "{\"id\":\"again2\",\"op\":\"start\",\"current_ua\":12000}").error())
                .startsWith("electrode lead-off: impedance");
        s.setPeeledOff(false);
        s.advanceTo(crossedAt + 30_000, telemetry::add);
        assertThat(cmd(s, "{\"id\":\"again3\",\"op\":\"start\",\"current_ua\":12000}").ok()).isTrue();
    }

    @Test
    void sessionTimerEndsTheSessionWithARampDown() {
        Stimulator s = tens();
        cmd(s, "{\"id\":\"t\",\"op\":\"start\",\"current_ua\":4000,\"duration_s\":10}");
        s.advanceTo(14_000, telemetry::add);
        assertThat(telemetry.get(1).remainingS()).isEqualTo(9);
        // the timer expires at 10 s; the 8 mA/s ramp-down takes 0.5 s
        assertThat(telemetry.get(10).state()).isEqualTo(State.RAMPING);
        assertThat(telemetry.get(11).state()).isEqualTo(State.STOPPED);
        assertThat(telemetry.get(11).currentUa()).isZero();
        assertThat(telemetry.get(11).remainingS()).isEqualTo(-1);
    }

    @Test
    void injectedOverCurrentFaultCutsOutputAtOnce() {
        Stimulator s = tens();
        cmd(s, "{\"id\":\"t\",\"op\":\"start\",\"current_ua\":4000}");
        s.advanceTo(5_000, telemetry::add);
        s.injectFault(Fault.OVER_CURRENT);
        assertThat(s.outputUa()).isZero();
        assertThat(s.state()).isEqualTo(State.FAULT);
    }
}
