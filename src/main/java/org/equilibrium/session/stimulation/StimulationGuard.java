package org.equilibrium.session.stimulation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.profile.SafetyEnvelope;

/**
 * The safety envelope of one stimulator, enforced before any command exists: every {@link WireCommand} that may
 * reach the device is created here, and only after these rules (src/docs/safety.md):
 *
 * <ul>
 *   <li>current, frequency and pulse width within the profile's ranges (pulse width only where it has one);</li>
 *   <li>ramp: a current increase is refused unless {@code increase ≤ max_ramp_ua_per_s × min(Δt, rampWindow)},
 *       where the increase is measured from the lowest set point the device may be at (last acknowledged value and
 *       every unacknowledged command) and Δt is the time since the previous increase; a start counts from 0;</li>
 *   <li>no start without fresh telemetry, with an electrode reported off, or with the device in fault;</li>
 *   <li>automatic stop on electrode-off or fault telemetry, on telemetry silence, at the maximum session time, when
 *       the session ends, and when the device reports output outside the envelope that the service did not
 *       start (output started on the unit's own controls within the envelope is adopted and supervised);</li>
 *   <li>stop is always accepted and never waits (nothing is queued: a command either goes out now or is refused),
 *       and a stop is sent again every {@code stopResendMs} until acknowledged or telemetry reports stopped; no start
 *       or set goes out while a stop is unconfirmed.</li>
 * </ul>
 *
 * <p>Pure: time comes in as {@code nowMs} (a monotonic clock), ids from the supplier; no I/O, no threads. Not
 * thread-safe: the owner serialises calls per device.
 */
public final class StimulationGuard {

    /** The service's view of the device. */
    public enum Phase {
        /** Not stimulating (as far as the service knows). */
        IDLE,
        /** A start went out; sets may follow. */
        ACTIVE,
        /** A stop went out and is not yet confirmed. */
        STOPPING
    }

    /** A command the guard emitted; {@code cause} is null for a caller's start/set. */
    public record Emit(WireCommand command, StopCause cause) {
    }

    /**
     * The answer to a caller's request.
     *
     * @param command   the command to publish when accepted, else null
     * @param reason    why it was refused, else null
     * @param autoStops stops the guard decided while checking (publish them first)
     */
    public record Decision(WireCommand command, String reason, List<Emit> autoStops) {
        public Decision {
            autoStops = List.copyOf(autoStops);
        }

        public boolean accepted() {
            return command != null;
        }
    }

    /** What an ack meant: the command it answers (null when unknown to this guard). */
    public record AckMatch(WireCommand command) {
    }

    private static final int MAX_STOPS_REMEMBERED = 64;

    private final SafetyEnvelope envelope;
    private final GuardSettings settings;
    private final Supplier<String> ids;

    private Phase phase = Phase.IDLE;
    private long sessionStartMs;
    private long lastTelemetryMs;
    private boolean heard;
    private Boolean electrodeOk;
    private StimReading.State deviceState;
    private StimReading.Fault deviceFault;
    /**
     * Set point the device is known to run at (last ack, or running telemetry when unknown); null when it is not
     * known to be running, where a set changes no output and only unacknowledged commands can be in effect.
     */
    private Long ackedMicroamps;
    /** Commands sent and not yet acknowledged, in send order. */
    private final Map<String, WireCommand> pending = new LinkedHashMap<>();
    private long lastRaiseMs;
    private boolean raised;
    private long lastStopSentMs;
    private final Map<String, WireCommand> stopsInFlight = new LinkedHashMap<>();

    public StimulationGuard(SafetyEnvelope envelope, GuardSettings settings, Supplier<String> ids) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public Phase phase() {
        return phase;
    }

    public SafetyEnvelope envelope() {
        return envelope;
    }

    /** A caller's command. A stop is always accepted; start and set only within the envelope. */
    public Decision request(CommandRequest r, long nowMs) {
        if (r.op() == StimOp.STOP) {
            return new Decision(stop(nowMs), null, List.of());
        }
        List<Emit> auto = checkHazards(nowMs);
        String refusal = auto.isEmpty() ? refusal(r, nowMs)
                : "the service is stopping the device (" + auto.get(0).cause().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-') + ")";
        if (refusal != null) {
            return new Decision(null, refusal, auto);
        }
        WireCommand c = new WireCommand(ids.get(), r.op(), r.currentMicroamps(), r.frequencyHz(), r.pulseWidthUs());
        if (r.currentMicroamps() != null && r.currentMicroamps() > rampReference(r.op())) {
            lastRaiseMs = nowMs;
            raised = true;
        }
        if (r.op() == StimOp.START) {
            phase = Phase.ACTIVE;
            sessionStartMs = nowMs;
        }
        pending.put(c.id(), c);
        return new Decision(c, null, auto);
    }

    private String refusal(CommandRequest r, long nowMs) {
        if (phase == Phase.STOPPING) {
            return "a stop is not yet confirmed by the device; no " + r.op().wireName() + " until it is";
        }
        if (r.op() == StimOp.START && phase == Phase.ACTIVE) {
            return "already started; use set to change settings";
        }
        if (r.op() == StimOp.SET && phase != Phase.ACTIVE) {
            return "not started; start with the settings instead";
        }
        if (r.op() == StimOp.START) {
            if (!heard || nowMs - lastTelemetryMs > settings.lostTelemetryMs()) {
                return "no telemetry from the device in the last " + settings.lostTelemetryMs() / 1000.0
                        + " s; cannot start a device the service cannot watch";
            }
            if (Boolean.FALSE.equals(electrodeOk)) {
                return "electrode contact reported off";
            }
            if (deviceState == StimReading.State.FAULT) {
                return "device reports a fault" + (deviceFault != null ? " (" + deviceFault.wireName() + ")" : "")
                        + "; send stop to clear it";
            }
        }
        String v = EnvelopeCheck.violation(r, envelope);
        if (v != null) {
            return v;
        }
        if (r.currentMicroamps() != null) {
            long ref = rampReference(r.op());
            long increase = r.currentMicroamps() - ref;
            if (increase > 0) {
                long creditMs = raised ? Math.min(nowMs - lastRaiseMs, settings.rampWindowMs())
                        : settings.rampWindowMs();
                double allowed = envelope.maxRampMicroampsPerS() * Math.max(0, creditMs) / 1000.0;
                if (increase > allowed) {
                    return "current_ua " + r.currentMicroamps() + " rises " + increase + " µA from " + ref
                            + " µA; the ramp limit allows " + (long) Math.floor(allowed) + " µA now ("
                            + EnvelopeCheck.format(envelope.maxRampMicroampsPerS()) + " µA/s, at most "
                            + settings.rampWindowMs() + " ms of credit per step)";
                }
            }
        }
        return null;
    }

    /**
     * Lowest set point the running device may be at: a start ramps from 0; a set from the minimum of the known set
     * point and every unacknowledged command's current (any of them may be the one in effect); 0 when none is known.
     */
    private long rampReference(StimOp op) {
        if (op == StimOp.START) {
            return 0;
        }
        long ref = Long.MAX_VALUE;
        if (ackedMicroamps != null) {
            ref = ackedMicroamps;
        }
        for (WireCommand c : pending.values()) {
            if (c.currentMicroamps() != null) {
                ref = Math.min(ref, c.currentMicroamps());
            }
        }
        return ref == Long.MAX_VALUE ? 0 : ref;
    }

    private WireCommand stop(long nowMs) {
        WireCommand c = new WireCommand(ids.get(), StimOp.STOP, null, null, null);
        phase = Phase.STOPPING;
        lastStopSentMs = nowMs;
        stopsInFlight.put(c.id(), c);
        if (stopsInFlight.size() > MAX_STOPS_REMEMBERED) {
            // A device that never answers gets a stop every second for as long as it stays silent; any of the
            // recent ones confirming is enough.
            stopsInFlight.remove(stopsInFlight.keySet().iterator().next());
        }
        // After a stop the device runs at nothing; nothing sent before it can be in effect.
        ackedMicroamps = null;
        pending.clear();
        return c;
    }

    private Emit autoStop(long nowMs, StopCause cause) {
        return new Emit(stop(nowMs), cause);
    }

    /** Telemetry of this device ({@code stim}, JSON or binary), at arrival time {@code nowMs}. */
    public List<Emit> onTelemetry(StimReading r, long nowMs) {
        heard = true;
        lastTelemetryMs = nowMs;
        electrodeOk = r.electrodeOk();
        deviceState = r.state();
        deviceFault = r.fault();
        if (!r.delivering()) {
            // Not running (it may have stopped itself): forget the known set point; the reference only goes down.
            ackedMicroamps = null;
        } else if (ackedMicroamps == null || r.currentMicroamps() < ackedMicroamps) {
            // Output never exceeds the set point, so the reported output is a safe lower bound for it.
            ackedMicroamps = (long) Math.floor(r.currentMicroamps());
        }
        List<Emit> out = new ArrayList<>(1);
        switch (phase) {
            case ACTIVE -> {
                if (Boolean.FALSE.equals(r.electrodeOk()) || r.fault() == StimReading.Fault.LEAD_OFF) {
                    out.add(autoStop(nowMs, StopCause.ELECTRODE_OFF));
                } else if (r.state() == StimReading.State.FAULT) {
                    out.add(autoStop(nowMs, StopCause.DEVICE_FAULT));
                } else if (r.state() == StimReading.State.STOPPED && pending.isEmpty()) {
                    phase = Phase.IDLE; // the device ended stimulation itself (its timer, its lead-off check)
                }
            }
            case STOPPING -> {
                if (r.state() == StimReading.State.STOPPED) {
                    stopConfirmed();
                }
            }
            case IDLE -> {
                if (r.delivering()) {
                    // Started on the unit's own controls (or before a service restart). A TENS unit is a
                    // hand-operated device: output within the envelope is adopted and supervised from now on
                    // (electrode-off, fault, silence, maximum session time); output outside it is stopped.
                    if (withinEnvelope(r)) {
                        phase = Phase.ACTIVE;
                        sessionStartMs = nowMs;
                    } else {
                        out.add(autoStop(nowMs, StopCause.UNEXPECTED_OUTPUT));
                    }
                }
            }
        }
        return out;
    }

    /** Reported output inside the profile's ranges (absent values are not held against it). */
    private boolean withinEnvelope(StimReading r) {
        return (r.currentMicroamps() == null || envelope.currentMicroamps().contains(r.currentMicroamps()))
                && (r.frequencyHz() == null || envelope.frequencyHz().contains(r.frequencyHz()))
                && (r.pulseWidthUs() == null || envelope.pulseWidthUs() == null
                        || envelope.pulseWidthUs().contains(r.pulseWidthUs()));
    }

    /** Time passing: lost telemetry, maximum session time, stop re-sends. Call at least every second. */
    public List<Emit> tick(long nowMs) {
        List<Emit> out = new ArrayList<>(checkHazards(nowMs));
        if (out.isEmpty() && phase == Phase.STOPPING && nowMs - lastStopSentMs >= settings.stopResendMs()) {
            out.add(autoStop(nowMs, StopCause.RESEND));
        }
        return out;
    }

    private List<Emit> checkHazards(long nowMs) {
        if (phase != Phase.ACTIVE) {
            return List.of();
        }
        if (nowMs - lastTelemetryMs > settings.lostTelemetryMs()) {
            return List.of(autoStop(nowMs, StopCause.TELEMETRY_LOST));
        }
        if (nowMs - sessionStartMs >= envelope.maxSessionS() * 1000L) {
            return List.of(autoStop(nowMs, StopCause.SESSION_TIME));
        }
        return List.of();
    }

    /** The session this stimulation belongs to ended: stop, whatever the state. */
    public Emit endSession(long nowMs) {
        return autoStop(nowMs, StopCause.SESSION_ENDED);
    }

    /** A {@code cmd/ack}. Acks of unknown ids change nothing. */
    public AckMatch onAck(CommandAck ack, long nowMs) {
        WireCommand stop = stopsInFlight.remove(ack.id());
        if (stop != null) {
            if (ack.ok() && phase == Phase.STOPPING) {
                stopConfirmed();
            }
            return new AckMatch(stop);
        }
        WireCommand c = pending.get(ack.id());
        if (c == null) {
            return new AckMatch(null);
        }
        if (ack.ok()) {
            // The device handles commands in order: everything sent before this one is settled too.
            Iterator<String> it = pending.keySet().iterator();
            while (it.hasNext()) {
                String id = it.next();
                it.remove();
                if (id.equals(c.id())) {
                    break;
                }
            }
            Long applied = ack.appliedCurrentMicroamps() != null ? ack.appliedCurrentMicroamps()
                    : c.currentMicroamps();
            if (applied != null) {
                ackedMicroamps = applied;
            }
        } else {
            pending.remove(c.id());
            if (c.op() == StimOp.START && phase == Phase.ACTIVE && pending.isEmpty()) {
                phase = Phase.IDLE; // the device refused to start
            }
        }
        return new AckMatch(c);
    }

    private void stopConfirmed() {
        phase = Phase.IDLE;
        stopsInFlight.clear();
        pending.clear();
        ackedMicroamps = null;
    }
}
