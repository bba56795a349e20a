package org.equilibrium.session.stimulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.Caller;
import org.equilibrium.people.ConflictException;
import org.equilibrium.people.ForbiddenException;
import org.equilibrium.people.NotFoundException;
import org.equilibrium.people.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command path to stimulators: authorisation, the {@link StimulationGuard} of each device, publishing through
 * the {@link CommandPort}, ack correlation and the audit log.
 *
 * <p>Who may drive a stimulator: the therapist assigned to the patient who owns the device, and that patient (at
 * home, within the same envelope). Administrators may read the audit but not drive stimulators: they manage
 * accounts, not treatment. Unpaired devices are driven by nobody.
 *
 * <p>Ordering: each device's guard decisions and publishes happen under that device's lock, which is held only for
 * the pure decision and the hand-off to the transport (never for database writes), so a stop waits at most for
 * another command's hand-off, never for a queue: there is none. Audit lines are appended after the lock is released.
 *
 * <p>Framework-free: the Micronaut wiring lives in {@link StimulationBeans}.
 */
public final class StimulatorCommandService {
    private static final Logger LOG = LoggerFactory.getLogger(StimulatorCommandService.class);
    static final String SYSTEM = "system";

    private final StimulatorDirectory directory;
    private final AccessPolicy access;
    private final CommandPort port;
    private final StimAuditLog audit;
    private final GuardSettings settings;
    private final LongSupplier monotonicMs;
    private final LongSupplier wallMs;
    private final Supplier<String> ids;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public StimulatorCommandService(StimulatorDirectory directory, AccessPolicy access, CommandPort port,
                                    StimAuditLog audit, GuardSettings settings, LongSupplier monotonicMs,
                                    LongSupplier wallMs, Supplier<String> ids) {
        this.directory = Objects.requireNonNull(directory);
        this.access = Objects.requireNonNull(access);
        this.port = Objects.requireNonNull(port);
        this.audit = Objects.requireNonNull(audit);
        this.settings = Objects.requireNonNull(settings);
        this.monotonicMs = Objects.requireNonNull(monotonicMs);
        this.wallMs = Objects.requireNonNull(wallMs);
        this.ids = Objects.requireNonNull(ids);
    }

    /**
     * The outcome of a caller's command.
     *
     * @param commandId the wire id when sent, else null
     * @param accepted  within the envelope and handed to the transport
     * @param reason    why it was refused, else null
     * @param wireJson  exactly what was published, else null
     */
    public record Result(String commandId, boolean accepted, String reason, String wireJson) {
    }

    /** One device: its guard and lock. */
    private static final class Lane {
        final DeviceId device;
        final StimulationGuard guard;

        Lane(DeviceId device, StimulationGuard guard) {
            this.device = device;
            this.guard = guard;
        }
    }

    /**
     * Checks that {@code caller} may drive the device, checks the envelope, publishes.
     *
     * @throws NotFoundException  no such device, not paired, or not visible to the caller
     * @throws ForbiddenException an administrator
     * @throws ConflictException  the device is not a stimulator with a known profile
     */
    public Result command(Caller caller, String deviceId, CommandRequest request) {
        StimulatorTarget target = requireDrivable(caller, deviceId);
        Lane lane = lane(target);
        StimulationGuard.Decision d;
        List<AuditEntry> lines = new ArrayList<>(2);
        synchronized (lane) {
            d = lane.guard.request(request, monotonicMs.getAsLong());
            for (StimulationGuard.Emit e : d.autoStops()) {
                lines.add(publish(lane, e.command(), SYSTEM, null, e.cause().name()));
            }
            if (d.accepted()) {
                lines.add(publish(lane, d.command(), caller.username(), caller.role().name(),
                        request.op() == StimOp.STOP ? StopCause.REQUESTED.name() : null));
            }
        }
        if (!d.accepted()) {
            lines.add(new AuditEntry(wallMs.getAsLong(), deviceId, null, AuditEntry.Kind.COMMAND, caller.username(),
                    caller.role().name(), request.op().wireName(), request.currentMicroamps(), request.frequencyHz(),
                    request.pulseWidthUs(), AuditEntry.Decision.REFUSED, d.reason(), null));
        }
        lines.forEach(this::append);
        return d.accepted() ? new Result(d.command().id(), true, null, d.command().toJson())
                : new Result(null, false, d.reason(), null);
    }

    /** The audit of a device for a caller who may read its patient (administrators included), newest last. */
    public List<AuditEntry> audit(Caller caller, String deviceId, int limit) {
        StimulatorTarget target = directory.find(deviceId).orElseThrow(() -> noDevice(deviceId));
        if (target.patientId() == null) {
            if (!caller.is(Role.ADMINISTRATOR)) {
                throw noDevice(deviceId);
            }
        } else if (!access.canReadPatient(caller, target.patientId())) {
            throw noDevice(deviceId);
        }
        return audit.recent(deviceId, limit);
    }

    /** Stimulator telemetry (ingest worker thread): feeds the guard, which may stop the device. */
    public void onTelemetry(DeviceId device, StimReading reading) {
        Lane lane = laneIfStimulator(device.value());
        if (lane == null) {
            return;
        }
        List<AuditEntry> lines = new ArrayList<>(1);
        synchronized (lane) {
            for (StimulationGuard.Emit e : lane.guard.onTelemetry(reading, monotonicMs.getAsLong())) {
                lines.add(publish(lane, e.command(), SYSTEM, null, e.cause().name()));
            }
        }
        lines.forEach(this::append);
    }

    /** A {@code cmd/ack} payload (ingest worker thread). */
    public void onAck(DeviceId device, byte[] payload) {
        var parsed = CommandAckCodec.parse(payload);
        if (parsed.isEmpty()) {
            LOG.warn("Unreadable cmd/ack from {} ({} bytes) ignored", device, payload.length);
            return;
        }
        CommandAck ack = parsed.get();
        Lane lane = lanes.get(device.value());
        WireCommand matched = null;
        if (lane != null) {
            synchronized (lane) {
                matched = lane.guard.onAck(ack, monotonicMs.getAsLong()).command();
            }
        }
        AuditEntry.Decision decision = matched == null ? AuditEntry.Decision.ACK_UNMATCHED
                : ack.ok() ? AuditEntry.Decision.ACK_OK : AuditEntry.Decision.ACK_REFUSED;
        append(new AuditEntry(wallMs.getAsLong(), device.value(), ack.id(), AuditEntry.Kind.ACK, device.value(),
                null, matched == null ? null : matched.op().wireName(), ack.appliedCurrentMicroamps(), null, null,
                decision, ack.error(), ack.appliedJson()));
    }

    /** Time passing for every device with a guard: lost telemetry, session time, stop re-sends. */
    public void tick() {
        for (Lane lane : lanes.values()) {
            List<AuditEntry> lines = new ArrayList<>(1);
            synchronized (lane) {
                for (StimulationGuard.Emit e : lane.guard.tick(monotonicMs.getAsLong())) {
                    lines.add(publish(lane, e.command(), SYSTEM, null, e.cause().name()));
                }
            }
            lines.forEach(this::append);
        }
    }

    /** The session that used this device ended: stop it. */
    public void sessionEnded(String deviceId) {
        Lane lane = laneIfStimulator(deviceId);
        if (lane == null) {
            return;
        }
        AuditEntry line;
        synchronized (lane) {
            StimulationGuard.Emit e = lane.guard.endSession(monotonicMs.getAsLong());
            line = publish(lane, e.command(), SYSTEM, null, e.cause().name());
        }
        append(line);
    }

    /** The guard's phase of a device, for health views and tests. */
    public StimulationGuard.Phase phase(String deviceId) {
        Lane lane = lanes.get(deviceId);
        if (lane == null) {
            return StimulationGuard.Phase.IDLE;
        }
        synchronized (lane) {
            return lane.guard.phase();
        }
    }

    // ---- internals ----

    private StimulatorTarget requireDrivable(Caller caller, String deviceId) {
        StimulatorTarget target = directory.find(deviceId).orElseThrow(() -> noDevice(deviceId));
        if (caller.is(Role.ADMINISTRATOR)) {
            throw new ForbiddenException("administrators do not drive stimulators; the patient's therapist or the"
                    + " patient does");
        }
        if (target.patientId() == null || !access.canReadPatient(caller, target.patientId())) {
            throw noDevice(deviceId);
        }
        if (target.envelope() == null) {
            throw new ConflictException("device " + deviceId + " is not a stimulator with a known profile ("
                    + (target.profileId() == null ? "profile unknown" : "profile " + target.profileId()) + ")");
        }
        return target;
    }

    private static NotFoundException noDevice(String deviceId) {
        return new NotFoundException("no device " + deviceId);
    }

    private Lane lane(StimulatorTarget target) {
        return lanes.computeIfAbsent(target.deviceId(), id -> new Lane(new DeviceId(id),
                new StimulationGuard(target.envelope(), settings, ids)));
    }

    private Lane laneIfStimulator(String deviceId) {
        Lane lane = lanes.get(deviceId);
        if (lane != null) {
            return lane;
        }
        return directory.find(deviceId).filter(t -> t.envelope() != null).map(this::lane).orElse(null);
    }

    /** Hands a command to the transport (under the lane lock) and returns its audit line. */
    private AuditEntry publish(Lane lane, WireCommand c, String actor, String role, String reason) {
        AuditEntry.Decision decision = AuditEntry.Decision.SENT;
        try {
            port.publish(lane.device, c.toJson()).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warn("Command {} {} to {} not published: {}", c.op().wireName(), c.id(), lane.device,
                            e.toString());
                    append(new AuditEntry(wallMs.getAsLong(), lane.device.value(), c.id(), AuditEntry.Kind.COMMAND,
                            actor, role, c.op().wireName(), c.currentMicroamps(), c.frequencyHz(), c.pulseWidthUs(),
                            AuditEntry.Decision.PUBLISH_FAILED, e.toString(), null));
                }
            });
        } catch (RuntimeException e) {
            // The guard already counts the command as sent: the conservative reading for ramp and stop.
            LOG.warn("Command {} {} to {} not published: {}", c.op().wireName(), c.id(), lane.device, e.toString());
            decision = AuditEntry.Decision.PUBLISH_FAILED;
            reason = reason == null ? e.toString() : reason + "; " + e;
        }
        return new AuditEntry(wallMs.getAsLong(), lane.device.value(), c.id(), AuditEntry.Kind.COMMAND, actor, role,
                c.op().wireName(), c.currentMicroamps(), c.frequencyHz(), c.pulseWidthUs(), decision, reason, null);
    }

    private void append(AuditEntry e) {
        try {
            audit.append(e);
        } catch (RuntimeException ex) {
            LOG.error("Stimulation audit line not written: {}", e, ex);
        }
    }

    /** Merges command lines with their acks, for views: command id → ack line. */
    public static Map<String, AuditEntry> acksById(List<AuditEntry> entries) {
        Map<String, AuditEntry> out = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            if (e.kind() == AuditEntry.Kind.ACK && e.commandId() != null) {
                out.put(e.commandId(), e);
            }
        }
        return out;
    }
}
