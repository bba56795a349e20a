package org.equilibrium.session.stimulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.profile.SafetyEnvelope;
import org.junit.jupiter.api.Test;

class StimulationGuardTest {
    private static final SafetyEnvelope TENS = StimulationSafetyPropertyTest.TENS;
    private final AtomicInteger ids = new AtomicInteger();
    private final StimulationGuard guard = new StimulationGuard(TENS, GuardSettings.defaults(),
            () -> "c" + ids.incrementAndGet());

    private static StimReading telemetry(StimReading.State state, long currentUa, Boolean electrodeOk) {
        return new StimReading(0, null, StimReading.Modality.TENS, state, null, 1, 80.0, 200.0, (double) currentUa,
                electrodeOk, null, null, null, StimReading.Fault.NONE);
    }

    private StimulationGuard.Decision start(long currentUa, long now) {
        return guard.request(new CommandRequest(StimOp.START, currentUa, 80.0, 200.0), now);
    }

    private StimulationGuard.Decision set(long currentUa, long now) {
        return guard.request(new CommandRequest(StimOp.SET, currentUa, null, null), now);
    }

    @Test
    void startsWithinTheEnvelopeAndEncodesTheContractJson() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        StimulationGuard.Decision d = start(900, 100);
        assertThat(d.accepted()).isTrue();
        assertThat(d.command().toJson())
                .isEqualTo("{\"id\":\"c1\",\"op\":\"start\",\"current_ua\":900,\"frequency_hz\":80,\"pulse_width_us\":200}");
        assertThat(guard.phase()).isEqualTo(StimulationGuard.Phase.ACTIVE);
    }

    @Test
    void refusesAStartAboveOneSecondOfRampAndNamesTheAllowance() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        StimulationGuard.Decision d = start(1001, 100);
        assertThat(d.accepted()).isFalse();
        assertThat(d.reason()).contains("rises 1001 µA from 0 µA").contains("allows 1000 µA now");
    }

    @Test
    void rampsOnlyAsFastAsTheProfileAllowsFromTheLowestPossibleSetPoint() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        assertThat(start(1000, 0).accepted()).isTrue();
        guard.onTelemetry(telemetry(StimReading.State.RUNNING, 1000, true), 400);
        assertThat(set(1500, 500).accepted()).as("+500 after 0.5 s").isTrue();
        assertThat(set(1600, 550).accepted()).as("+100 after 0.05 s; reference is 1000 (start unacked)").isFalse();
        guard.onAck(new CommandAck("c1", true, null, 1000L, null), 600);
        guard.onAck(new CommandAck("c2", true, null, 1500L, null), 600);
        assertThat(set(1550, 600).accepted()).as("+50 after 0.1 s").isTrue();
        // waiting a minute banks no more than one second of ramp
        guard.onTelemetry(telemetry(StimReading.State.RUNNING, 1550, true), 60_000);
        assertThat(set(2550, 60_000).accepted()).as("c3 (1550) unacked: the device may still be at 1500").isFalse();
        guard.onAck(new CommandAck("c3", true, null, 1550L, null), 60_000);
        assertThat(set(2551, 60_000).accepted()).isFalse();
        assertThat(set(2550, 60_000).accepted()).isTrue();
    }

    @Test
    void stopIsAlwaysAcceptedAndBlocksStartsUntilConfirmed() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        assertThat(start(500, 0).accepted()).isTrue();
        StimulationGuard.Decision stop = guard.request(CommandRequest.stop(), 10);
        assertThat(stop.accepted()).isTrue();
        assertThat(stop.command().toJson()).isEqualTo("{\"id\":\"c2\",\"op\":\"stop\"}");
        assertThat(start(500, 20).reason()).startsWith("a stop is not yet confirmed");
        // unconfirmed: sent again every second
        assertThat(guard.tick(500)).isEmpty();
        List<StimulationGuard.Emit> resend = guard.tick(1010);
        assertThat(resend).singleElement().satisfies(e -> {
            assertThat(e.cause()).isEqualTo(StopCause.RESEND);
            assertThat(e.command().op()).isEqualTo(StimOp.STOP);
        });
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 1100);
        assertThat(guard.phase()).isEqualTo(StimulationGuard.Phase.IDLE);
        assertThat(start(500, 1200).accepted()).isTrue();
    }

    @Test
    void electrodeOffTelemetryStopsAtOnce() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        start(800, 0);
        List<StimulationGuard.Emit> out = guard.onTelemetry(telemetry(StimReading.State.RUNNING, 800, false), 900);
        assertThat(out).singleElement().satisfies(e -> assertThat(e.cause()).isEqualTo(StopCause.ELECTRODE_OFF));
        assertThat(guard.phase()).isEqualTo(StimulationGuard.Phase.STOPPING);
    }

    @Test
    void silenceLongerThanTheTimeoutStopsAndBlocksStarts() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        start(800, 0);
        assertThat(guard.tick(5_000)).isEmpty();
        assertThat(guard.tick(5_001)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo(StopCause.TELEMETRY_LOST));
        guard.onAck(new CommandAck("c2", true, null, null, null), 5_100);
        assertThat(guard.phase()).isEqualTo(StimulationGuard.Phase.IDLE);
        assertThat(start(800, 5_200).reason()).startsWith("no telemetry from the device in the last 5.0 s");
    }

    @Test
    void theMaximumSessionTimeStops() {
        SafetyEnvelope shortSession = new SafetyEnvelope(TENS.modality(), TENS.currentMicroamps(), TENS.frequencyHz(),
                TENS.pulseWidthUs(), TENS.maxRampMicroampsPerS(), 10);
        StimulationGuard g = new StimulationGuard(shortSession, GuardSettings.defaults(), () -> "x" + ids.incrementAndGet());
        g.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        assertThat(g.request(new CommandRequest(StimOp.START, 500L, 80.0, 200.0), 0).accepted()).isTrue();
        for (long t = 1000; t < 10_000; t += 1000) {
            g.onTelemetry(telemetry(StimReading.State.RUNNING, 500, true), t);
            assertThat(g.tick(t)).isEmpty();
        }
        assertThat(g.tick(10_000)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo(StopCause.SESSION_TIME));
    }

    @Test
    void outputStartedOnTheUnitWithinTheEnvelopeIsSupervisedNotStopped() {
        assertThat(guard.onTelemetry(telemetry(StimReading.State.RUNNING, 3000, true), 0)).isEmpty();
        assertThat(guard.phase()).isEqualTo(StimulationGuard.Phase.ACTIVE);
        // supervised from then on: an electrode coming off stops it
        assertThat(guard.onTelemetry(telemetry(StimReading.State.RUNNING, 3000, false), 1000)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo(StopCause.ELECTRODE_OFF));
    }

    @Test
    void outputTheServiceDidNotStartOutsideTheEnvelopeIsStopped() {
        long tooMuch = (long) TENS.currentMicroamps().max() + 1000;
        assertThat(guard.onTelemetry(telemetry(StimReading.State.RUNNING, tooMuch, true), 0)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo(StopCause.UNEXPECTED_OUTPUT));
    }

    @Test
    void microcurrentRefusesAPulseWidthItsProfileDoesNotHave() {
        StimulationGuard g = new StimulationGuard(StimulationSafetyPropertyTest.MICRO, GuardSettings.defaults(),
                () -> "m");
        g.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        assertThat(g.request(new CommandRequest(StimOp.START, 50L, 10.0, 200.0), 0).reason())
                .startsWith("pulse_width_us is not settable");
        assertThat(g.request(new CommandRequest(StimOp.START, 101L, 10.0, null), 0).reason())
                .contains("the ramp limit allows 100 µA now");
        assertThat(g.request(new CommandRequest(StimOp.START, 100L, 10.0, null), 0).accepted()).isTrue();
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheLimit() {
        guard.onTelemetry(telemetry(StimReading.State.STOPPED, 0, true), 0);
        assertThat(guard.request(new CommandRequest(StimOp.START, 500L, 151.0, 200.0), 0).reason())
                .isEqualTo("frequency_hz 151 outside profile limits 1-150");
        assertThat(guard.request(new CommandRequest(StimOp.START, 500L, Double.NaN, 200.0), 0).reason())
                .isEqualTo("frequency_hz must be a finite number");
        assertThat(guard.request(new CommandRequest(StimOp.START, 90_000L, 80.0, 200.0), 0).reason())
                .isEqualTo("current_ua 90000 outside profile limits 0-80000");
    }
}
