package org.equilibrium.session.stimulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.profile.SafetyEnvelope;
import org.equilibrium.device.profile.SafetyEnvelope.Range;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.AssignmentLookup;
import org.equilibrium.people.Caller;
import org.equilibrium.people.Role;

/**
 * No sequence of API calls, telemetry (electrode-off, faults, silence), acks (late, lost, refusals) and time puts an
 * out-of-envelope command on the wire or leaves current flowing when the envelope says it must stop. The service is
 * the real {@link StimulatorCommandService}; the device is a {@link FakeStimulator} whose firmware checks nothing, so
 * every property is about what the service sent.
 *
 * <p>Checked on every published command: contract shape (fields, ops, unique ids), ranges of the envelope, ramp rate
 * of the device output it causes. Checked after every step: output off after electrode-off or fault telemetry, off
 * within one tick after the telemetry timeout, off at the maximum session time, off after session end; a stop request
 * is published within the call, whatever is pending.
 */
class StimulationSafetyPropertyTest {
    static final String DEVICE = "stim-1";
    static final long PATIENT = 7;
    static final long THERAPIST = 3;
    static final long TICK_MS = 250;
    static final long TELEMETRY_PERIOD_MS = 1000;

    static final SafetyEnvelope TENS = new SafetyEnvelope(StimReading.Modality.TENS, new Range(0, 80_000),
            new Range(1, 150), new Range(50, 400), 1000, 3600);
    static final SafetyEnvelope MICRO = new SafetyEnvelope(StimReading.Modality.MICROCURRENT, new Range(10, 1000),
            new Range(0.5, 100), null, 100, 3600);

    /** What the test does next. Currents are relative to the last asked current where marked, to reach ramps. */
    sealed interface Step {
    }

    record Advance(long ms) implements Step {
    }

    /**
     * A command, its values in units of the envelope so that one sequence exercises both devices: {@code current}
     * per {@link CurrentMode}, frequency and pulse width as a position in their range (outside [0, 1] is outside
     * the envelope), NaN/infinite passed through as such, null absent.
     */
    record Ask(StimOp op, CurrentMode mode, double current, Double frequency, Double pulseWidth, boolean therapist,
               long waitMs) implements Step {
    }

    enum CurrentMode {
        /** last asked current + current × max ramp (per second) */
        RAMP,
        /** current × max ramp from zero (a soft start) */
        FROM_ZERO,
        /** position in the current range */
        RANGE,
        /** a raw value: current itself, µA (extremes) */
        RAW,
        /** no current */
        NONE
    }

    record Electrode(boolean ok) implements Step {
    }

    record Fault(boolean on) implements Step {
    }

    record Silence(boolean silent) implements Step {
    }

    record EndSession() implements Step {
    }

    record Mood(double accept, double dropAck, long maxAckDelayMs) implements Step {
    }

    @Property(tries = 400)
    void nothingOutsideTheEnvelopeReachesTheWire(@ForAll boolean microcurrent,
                                                 @ForAll("sessionLimits") int maxSessionS,
                                                 @ForAll("lostTelemetry") long lostTelemetryMs,
                                                 @ForAll long seed,
                                                 @ForAll("steps") List<Step> steps) {
        SafetyEnvelope base = microcurrent ? MICRO : TENS;
        SafetyEnvelope env = new SafetyEnvelope(base.modality(), base.currentMicroamps(), base.frequencyHz(),
                base.pulseWidthUs(), base.maxRampMicroampsPerS(), maxSessionS);
        Run run = new Run(env, new GuardSettings(lostTelemetryMs, 1000, 1000), seed);
        run.play(steps);
        // coverage: the sequences must reach the interesting states, or passing means little
        boolean started = run.device.wire.stream().anyMatch(w -> w.op().equals("start"));
        boolean raisedBySet = run.device.wire.stream().anyMatch(w -> w.op().equals("set")
                && w.fields().containsKey("current_ua"));
        Statistics.label("start on the wire").collect(started);
        run.audit.lines.stream().filter(l -> "start".equals(l.op()) && l.decision() == AuditEntry.Decision.REFUSED)
                .forEach(l -> Statistics.label("start refusals").collect(l.reason().replaceAll("[0-9.]+", "N")));
        Statistics.label("raising set on the wire").collect(raisedBySet);
        for (StopCause c : StopCause.values()) {
            Statistics.label("stop " + c).collect(run.audit.lines.stream().anyMatch(l -> c.name().equals(l.reason())));
        }
        // thresholds at about a third of what a run reaches (about 37 %, 12 %, 3-5 %, 57 %, 18 %)
        Statistics.label("start on the wire").coverage(k -> k.check(true).percentage(p -> p >= 15));
        Statistics.label("raising set on the wire").coverage(k -> k.check(true).percentage(p -> p >= 4));
        for (StopCause c : List.of(StopCause.ELECTRODE_OFF, StopCause.TELEMETRY_LOST, StopCause.SESSION_TIME)) {
            Statistics.label("stop " + c).coverage(k -> k.check(true).percentage(p -> p >= 0.5));
        }
        Statistics.label("stop " + StopCause.SESSION_ENDED).coverage(k -> k.check(true).percentage(p -> p >= 20));
        Statistics.label("stop " + StopCause.RESEND).coverage(k -> k.check(true).percentage(p -> p >= 5));
    }

    /** One try: service, fake device, clock, and the checks. */
    static final class Run {
        final SafetyEnvelope env;
        final GuardSettings settings;
        final AtomicLong now = new AtomicLong(1_000_000);
        final FakeStimulator device;
        final StimulatorCommandService service;
        final Set<String> ids = new HashSet<>();
        int checked;
        long lastTelemetryMs = Long.MIN_VALUE;
        long nextTelemetryMs;
        boolean silent;
        boolean reportedElectrodeOk = true;
        long lastAskedUa;
        final InMemoryAuditLog audit = new InMemoryAuditLog();

        Run(SafetyEnvelope env, GuardSettings settings, long seed) {
            this.env = env;
            this.settings = settings;
            Random random = new Random(seed);
            this.device = new FakeStimulator(random, now::get);
            AtomicLong idSeq = new AtomicLong();
            AssignmentLookup assignments = new AssignmentLookup() {
                @Override
                public boolean isAssigned(long therapistId, long patientId) {
                    return therapistId == THERAPIST && patientId == PATIENT;
                }

                @Override
                public Set<Long> patientsOf(long therapistId) {
                    return therapistId == THERAPIST ? Set.of(PATIENT) : Set.of();
                }
            };
            StimulatorDirectory directory = id -> id.equals(DEVICE)
                    ? Optional.of(new StimulatorTarget(DEVICE, PATIENT, "test-profile", env)) : Optional.empty();
            this.service = new StimulatorCommandService(directory, new AccessPolicy(assignments), device,
                    audit, settings, now::get, now::get, () -> "c" + idSeq.incrementAndGet());
            this.nextTelemetryMs = now.get();
        }

        void play(List<Step> steps) {
            telemetry(); // the device is heard before anything is asked
            for (Step s : steps) {
                if (s instanceof Advance a) {
                    advance(a.ms());
                } else if (s instanceof Ask a) {
                    ask(a);
                } else if (s instanceof Electrode e) {
                    device.electrodeOk = e.ok();
                    if (!silent) {
                        telemetry();
                    }
                } else if (s instanceof Fault f) {
                    device.fault = f.on();
                    if (!silent) {
                        telemetry();
                    }
                } else if (s instanceof Silence x) {
                    silent = x.silent();
                } else if (s instanceof EndSession) {
                    service.sessionEnded(DEVICE);
                    checkWire();
                    assertThat(device.outputUa).as("output after session end").isZero();
                } else if (s instanceof Mood m) {
                    device.acceptProbability = m.accept();
                    device.dropAckProbability = m.dropAck();
                    device.maxAckDelayMs = m.maxAckDelayMs();
                }
            }
            advance(env.maxSessionS() * 1000L + 10_000); // whatever was left running must end
            assertThat(device.outputUa).as("output at the end").isZero();
        }

        void ask(Ask a) {
            if (a.waitMs() > 0) {
                advance(a.waitMs());
            }
            Range cr = env.currentMicroamps();
            Long current = switch (a.mode()) {
                case RAMP -> Math.max(0, lastAskedUa + Math.round(a.current() * env.maxRampMicroampsPerS()));
                case FROM_ZERO -> Math.round(a.current() * env.maxRampMicroampsPerS());
                case RANGE -> Math.round(cr.min() + a.current() * (cr.max() - cr.min()));
                case RAW -> (long) a.current();
                case NONE -> null;
            };
            Double frequency = position(a.frequency(), env.frequencyHz());
            Range pwr = env.pulseWidthUs() != null ? env.pulseWidthUs() : new Range(50, 400);
            Double pulseWidth = position(a.pulseWidth(), pwr);
            Caller caller = a.therapist() ? new Caller(THERAPIST, "therapist", Role.THERAPIST)
                    : new Caller(PATIENT, "patient", Role.PATIENT);
            int before = device.wire.size();
            StimulatorCommandService.Result r = service.command(caller, DEVICE,
                    new CommandRequest(a.op(), current, frequency, pulseWidth));
            checkWire();
            if (r.accepted() && current != null) {
                lastAskedUa = current;
            }
            if (a.op() == StimOp.STOP) {
                // the priority lane: accepted, and the stop is on the wire when the call returns
                assertThat(r.accepted()).isTrue();
                assertThat(device.wire.size()).isGreaterThan(before);
                assertThat(device.wire.get(device.wire.size() - 1).op()).isEqualTo("stop");
                assertThat(device.outputUa).isZero();
            } else if (!r.accepted()) {
                assertThat(r.reason()).isNotBlank();
            }
            checkHazards();
        }

        void advance(long ms) {
            long end = now.get() + ms;
            while (now.get() < end) {
                now.set(Math.min(end, now.get() + TICK_MS));
                for (String ack : device.dueAcks(now.get())) {
                    service.onAck(new DeviceId(DEVICE), ack.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                if (!silent && now.get() >= nextTelemetryMs) {
                    telemetry();
                }
                service.tick();
                checkWire();
                checkHazards();
            }
        }

        void telemetry() {
            lastTelemetryMs = now.get();
            nextTelemetryMs = now.get() + TELEMETRY_PERIOD_MS;
            StimReading r = device.telemetry(now.get(), env.modality());
            reportedElectrodeOk = r.electrodeOk();
            service.onTelemetry(new DeviceId(DEVICE), r);
            checkWire();
            if (!r.electrodeOk() || r.state() == StimReading.State.FAULT) {
                assertThat(device.outputUa).as("output right after electrode-off/fault telemetry").isZero();
            }
        }

        void checkHazards() {
            if (device.outputUa > 0) {
                assertThat(now.get() - lastTelemetryMs).as("output while telemetry silent")
                        .isLessThanOrEqualTo(settings.lostTelemetryMs());
                assertThat(now.get() - device.runStartMs).as("output beyond the maximum session time")
                        .isLessThan(env.maxSessionS() * 1000L);
                assertThat(reportedElectrodeOk).as("output after electrode-off was reported").isTrue();
            }
        }

        /** Every command published since the last check. */
        void checkWire() {
            for (; checked < device.wire.size(); checked++) {
                FakeStimulator.Sent s = device.wire.get(checked);
                Map<String, Object> f = s.fields();
                assertThat(f.keySet()).as(s.json()).isSubsetOf("id", "op", "current_ua", "frequency_hz",
                        "pulse_width_us");
                assertThat(f.get("id")).as(s.json()).isInstanceOf(String.class);
                assertThat(ids.add((String) f.get("id"))).as("unique id " + s.json()).isTrue();
                String op = s.op();
                assertThat(op).as(s.json()).isIn("start", "stop", "set");
                if (op.equals("stop")) {
                    assertThat(f).as(s.json()).containsOnlyKeys("id", "op");
                    continue;
                }
                if (op.equals("start")) {
                    assertThat(f).as(s.json()).containsKeys("current_ua", "frequency_hz");
                    assertThat(((Number) f.get("current_ua")).longValue()).as(s.json()).isPositive();
                }
                within(s, "current_ua", env.currentMicroamps());
                within(s, "frequency_hz", env.frequencyHz());
                if (env.pulseWidthUs() == null) {
                    assertThat(f).as(s.json()).doesNotContainKey("pulse_width_us");
                } else {
                    within(s, "pulse_width_us", env.pulseWidthUs());
                    if (op.equals("start")) {
                        assertThat(f).as(s.json()).containsKey("pulse_width_us");
                    }
                }
            }
            // ramp: every rise of the device output since it started existing
            for (long[] rise : device.rises) {
                long at = rise[0];
                long increase = rise[2] - rise[1];
                long previous = rise[3];
                long creditMs = previous == Long.MIN_VALUE ? settings.rampWindowMs()
                        : Math.min(at - previous, settings.rampWindowMs());
                assertThat((double) increase).as("rise %d -> %d µA at %d, previous rise at %d", rise[1], rise[2],
                        at, previous).isLessThanOrEqualTo(env.maxRampMicroampsPerS() * creditMs / 1000.0);
            }
            device.rises.clear();
        }

        private static Double position(Double u, Range r) {
            if (u == null || !Double.isFinite(u)) {
                return u;
            }
            return r.min() + u * (r.max() - r.min());
        }

        private void within(FakeStimulator.Sent s, String field, Range range) {
            if (s.fields().get(field) instanceof Number n) {
                assertThat(n.doubleValue()).as(s.json()).isBetween(range.min(), range.max());
            }
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Integer> sessionLimits() {
        return Arbitraries.of(15, 40, 3600);
    }

    @Provide
    Arbitrary<Long> lostTelemetry() {
        return Arbitraries.of(2_000L, 5_000L);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> advance = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_500),
                Arbitraries.longs().between(0, 12_000)).map(Advance::new);
        Arbitrary<Double> unit = Arbitraries.oneOf(Arbitraries.doubles().between(-0.1, 1.1),
                Arbitraries.of(0.0, 1.0, -1e-9, 1 + 1e-9, Double.NaN, Double.POSITIVE_INFINITY));
        Arbitrary<Double> rampStep = Arbitraries.oneOf(Arbitraries.doubles().between(-1, 1.2),
                Arbitraries.of(1.0, 1.001, 0.5, 0.25));
        Arbitrary<Double> raw = Arbitraries.of((double) Long.MAX_VALUE, (double) Long.MIN_VALUE, -1.0, 0.0, 1.0,
                1e12);
        Arbitrary<Step> ask = Combinators.combine(Arbitraries.frequency(net.jqwik.api.Tuple.of(3, StimOp.START),
                        net.jqwik.api.Tuple.of(5, StimOp.SET), net.jqwik.api.Tuple.of(1, StimOp.STOP)),
                Arbitraries.of(CurrentMode.class),
                rampStep, unit, raw, unit.injectNull(0.3), unit.injectNull(0.4), Arbitraries.of(true, false))
                .as((op, mode, step, position, rawValue, fr, pw, therapist) -> new Ask(op, mode,
                        switch (mode) {
                            case RAMP, FROM_ZERO -> step;
                            case RANGE -> position;
                            case RAW -> rawValue;
                            case NONE -> 0;
                        }, fr, pw, therapist, 0));
        Arbitrary<Step> start = Combinators.combine(Arbitraries.doubles().between(0, 1.1),
                Arbitraries.doubles().between(-0.05, 1.05), Arbitraries.doubles().between(-0.05, 1.05).injectNull(0.5),
                Arbitraries.of(true, false))
                .as((c, fr, pw, therapist) -> new Ask(StimOp.START, CurrentMode.FROM_ZERO, c, fr, pw, therapist, 0));
        Arbitrary<Step> ramp = Combinators.combine(Arbitraries.doubles().between(0, 1.05),
                Arbitraries.longs().between(0, 1_500)).as((c, waitMs) -> new Ask(StimOp.SET, CurrentMode.RAMP, c, null,
                null, true, waitMs));
        Arbitrary<Step> electrode = Arbitraries.of(true, true, false).map(Electrode::new);
        Arbitrary<Step> fault = Arbitraries.of(true, false, false, false).map(Fault::new);
        Arbitrary<Step> silence = Arbitraries.of(true, false).map(Silence::new);
        Arbitrary<Step> end = Arbitraries.just(new EndSession());
        Arbitrary<Step> mood = Combinators.combine(Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 0.6), Arbitraries.longs().between(0, 4_000)).as(Mood::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, advance), net.jqwik.api.Tuple.of(14, ask), net.jqwik.api.Tuple.of(6, start), net.jqwik.api.Tuple.of(8, ramp),
                net.jqwik.api.Tuple.of(2, electrode), net.jqwik.api.Tuple.of(1, fault),
                net.jqwik.api.Tuple.of(2, silence), net.jqwik.api.Tuple.of(1, end), net.jqwik.api.Tuple.of(1, mood))
                .list().ofMinSize(30).ofMaxSize(150);
    }
}
