package org.equilibrium.session.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.ingest.BeatListener;
import org.equilibrium.ingest.StimListener;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Session;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.equilibrium.session.autonomic.LiveSessionAnalysis;
import org.equilibrium.session.autonomic.StimulationContext;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes ingest's beats and stimulator telemetry to the active sessions of the devices' patients and makes
 * every session's 5-s estimate, for all sessions from one scheduler thread that calls {@link #poll()}.
 *
 * <p><b>Time.</b> A tick at time t is made once the session's strap has sent a beat after t (its data up to t
 * is then complete, since a device's beats arrive in order), or once the wall clock is {@code latenessMs}
 * past t (the strap is silent: the tick is made with what arrived and reports the connection stale or lost).
 * A session's "now" is the later of the wall clock and its strap's newest beat, so a simulator that runs
 * faster than real time drives its sessions at its own pace.
 *
 * <p><b>Threads.</b> {@link #onBeat}, {@link #onGap} and {@link #onStim} are called on ingest workers: they
 * only enqueue. {@link #poll()} runs on one thread. Changes to a session ({@link #change}) run under the
 * session's monitor, which {@link #poll()} also takes per session, so a change never interleaves with a tick.
 * Nothing here knows Micronaut; the service wires it and persists sessions.
 */
public final class LiveSessionEngine implements BeatListener, StimListener {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSessionEngine.class);

    private final EngineSettings settings;
    private final HrvAnalyzer analyzer;
    private final EstimatorSettings estimatorSettings;
    private final SampleStore store;
    private final LongSupplier wallClockMs;
    private final Map<String, ActiveSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, ActiveSession> byDevice = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();

    public LiveSessionEngine(EngineSettings settings, HrvAnalyzer analyzer, EstimatorSettings estimatorSettings,
                             SampleStore store, LongSupplier wallClockMs) {
        this.settings = settings;
        this.analyzer = analyzer;
        this.estimatorSettings = estimatorSettings;
        this.store = store;
        this.wallClockMs = wallClockMs;
    }

    public EngineSettings settings() {
        return settings;
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    /**
     * Starts the live chain of an active session and routes its devices to it.
     *
     * @throws IllegalStateException when one of its devices already feeds another active session
     */
    public synchronized ActiveSession open(Session s, long patientId) {
        List<String> devices = devicesOf(s);
        for (String d : devices) {
            ActiveSession other = byDevice.get(d);
            if (other != null) {
                throw new IllegalStateException("device " + d + " already feeds session " + other.session().id());
            }
        }
        long cadence = estimatorSettings.cadenceMs();
        // Ticks on the session's own grid (start + k × 5 s), from the first one not yet past.
        long now = wallClockMs.getAsLong();
        long k = Math.max(1, (now - s.startedAtMs()) / cadence + 1);
        ActiveSession a = new ActiveSession(s, patientId,
                new LiveSessionAnalysis(analyzer, estimatorSettings, s.startedAtMs()), s.startedAtMs() + k * cadence);
        sessions.put(s.id(), a);
        devices.forEach(d -> byDevice.put(d, a));
        return a;
    }

    /** Stops the live chain (the session ended); returns the last state. */
    public synchronized Optional<ActiveSession> close(String sessionId) {
        ActiveSession a = sessions.remove(sessionId);
        if (a != null) {
            byDevice.values().removeIf(x -> x == a);
        }
        return Optional.ofNullable(a);
    }

    public Optional<ActiveSession> get(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    public Collection<ActiveSession> active() {
        return List.copyOf(sessions.values());
    }

    /** The session's clock: the later of the wall clock and its strap's newest beat. */
    public long now(ActiveSession a) {
        return Math.max(wallClockMs.getAsLong(), a.newestBeatMs);
    }

    /**
     * Applies a change to an active session at its current time, after making the ticks that are due (so a
     * phase change never lands inside a window not yet estimated); returns the new session.
     */
    public Session change(String sessionId, ChangeAt change) {
        ActiveSession a = sessions.get(sessionId);
        if (a == null) {
            throw new IllegalStateException("session " + sessionId + " is not active");
        }
        synchronized (a) {
            long now = Math.max(now(a), a.session().lastChangeMs());
            Session next = change.apply(a.session(), now);
            a.session.set(next);
            return next;
        }
    }

    /** A change made at a time the engine chooses. */
    @FunctionalInterface
    public interface ChangeAt {
        Session apply(Session current, long nowMs);
    }

    @Override
    public void onBeat(DeviceId device, long beatEndMs, double rrMs) {
        ActiveSession a = byDevice.get(device.value());
        if (a == null || !a.session().heartRateDevice().equals(device)) {
            return;
        }
        a.inbox.add(new ActiveSession.Incoming(beatEndMs, rrMs, System.nanoTime()));
        if (beatEndMs > a.newestBeatMs) {
            a.newestBeatMs = beatEndMs;
        }
    }

    @Override
    public void onGap(DeviceId device, long fromMs, long toMs, String cause) {
        ActiveSession a = byDevice.get(device.value());
        if (a != null && a.session().heartRateDevice().equals(device)) {
            a.inbox.add(new ActiveSession.Incoming(toMs, Double.NaN, System.nanoTime()));
        }
    }

    @Override
    public void onStim(DeviceId device, StimReading reading) {
        ActiveSession a = byDevice.get(device.value());
        if (a != null && !a.session().heartRateDevice().equals(device)) {
            a.stim.put(device.value(), reading);
        }
    }

    /** One pass over every active session: feed waiting beats, make due ticks. Call from one thread. */
    public void poll() {
        long wall = wallClockMs.getAsLong();
        for (ActiveSession a : sessions.values()) {
            try {
                synchronized (a) {
                    poll(a, wall);
                }
            } catch (RuntimeException e) {
                LOG.error("Session {}: live analysis failed", a.session().id(), e);
            }
        }
    }

    /** Estimates made so far by this engine (all sessions). */
    public long ticks() {
        return ticks.get();
    }

    public long storeFailures() {
        return storeFailures.get();
    }

    private void poll(ActiveSession a, long wall) {
        Session s = a.session();
        ActiveSession.Incoming in;
        while ((in = a.inbox.poll()) != null) {
            a.held.addLast(in);
        }
        stimulation(a, s);
        long horizon = Math.max(a.newestBeatMs, wall - settings.latenessMs());
        while (a.nextTickMs <= horizon && (s.endedAtMs() == null || a.nextTickMs <= s.endedAtMs())) {
            long t = a.nextTickMs;
            // Advance first: a tick that fails is skipped (and logged), never retried forever.
            a.nextTickMs += estimatorSettings.cadenceMs();
            feedUpTo(a, t);
            tick(a, s, t);
        }
        // Beats after the last tick wait in 'held' only until the next tick; feed those already due for it.
    }

    private void feedUpTo(ActiveSession a, long t) {
        while (!a.held.isEmpty() && a.held.peekFirst().beatEndMs() <= t) {
            ActiveSession.Incoming in = a.held.removeFirst();
            if (in.gap()) {
                a.analysis.onGap();
                continue;
            }
            try {
                a.analysis.onBeat(in.beatEndMs(), in.rrMs());
                a.lastFedBeatMs = in.beatEndMs();
                a.lastFedArrivalNanos = in.arrivalNanos();
                for (SessionListener l : listeners) {
                    l.beat(a.session().id(), a.patientId, in.beatEndMs(), in.rrMs());
                }
            } catch (IllegalArgumentException e) {
                a.droppedBeats++; // out of order or implausible: the analyzer refused it, nothing changed
            }
        }
    }

    private void tick(ActiveSession a, Session s, long t) {
        Connection connection = Connection.after(t - a.lastFedBeatMs, settings.staleAfterMs(), settings.lostAfterMs());
        PhaseKind phase = s.phaseAt(t).orElse(null);
        StimReading stim = a.latestStim();
        StimulationContext context = stim == null ? StimulationContext.none() : StimulationContext.of(stim);
        AutonomicEstimate e = a.analysis.tick(t, phase, context, null);
        a.latest = e;
        a.connection = connection;
        ticks.incrementAndGet();
        long latency = a.lastFedArrivalNanos < 0 || t - a.lastFedBeatMs > estimatorSettings.cadenceMs() ? -1
                : System.nanoTime() - a.lastFedArrivalNanos;
        LiveEstimate live = new LiveEstimate(s.id(), a.patientId, e, connection, stim, latency);
        append(List.of(new Sample.HrvWindow(a.patientId, s.id(), t, e.metrics()),
                new Sample.StateEstimate(a.patientId, s.id(), e, connection.wireName())));
        for (SessionListener l : listeners) {
            l.estimate(live);
        }
        for (Alert alert : a.alerts.onTick(e, connection)) {
            alert(alert);
        }
    }

    private void stimulation(ActiveSession a, Session s) {
        for (var entry : a.stim.entrySet()) {
            StimReading r = entry.getValue();
            if (a.stimSeen.get(entry.getKey()) == r) {
                continue;
            }
            a.stimSeen.put(entry.getKey(), r);
            for (SessionListener l : listeners) {
                l.stim(s.id(), a.patientId, entry.getKey(), r);
            }
            Alert alert = a.alerts.onStim(entry.getKey(), r);
            if (alert != null) {
                alert(alert);
            }
        }
    }

    private void alert(Alert alert) {
        append(List.of(new Sample.SessionEvent(alert.patientId(), alert.sessionId(), alert.tMs(), "alert", alert.kind(),
                null)));
        for (SessionListener l : listeners) {
            l.alert(alert);
        }
    }

    /** Stores derived samples; the store spools on outages, so a failure here is counted and logged. */
    public void append(List<Sample> samples) {
        store.append(samples).whenComplete((ok, err) -> {
            if (err != null && storeFailures.incrementAndGet() % 1000 == 1) {
                LOG.warn("Session samples not stored ({} so far): {}", storeFailures.get(), err.toString());
            }
        });
    }

    /** Tells the listeners about a changed session (API thread). */
    public void changed(Session s, long patientId) {
        for (SessionListener l : listeners) {
            l.changed(s, patientId);
        }
    }

    public void ended(Session s, long patientId) {
        for (SessionListener l : listeners) {
            l.ended(s, patientId);
        }
    }

    private static List<String> devicesOf(Session s) {
        List<String> out = new ArrayList<>();
        out.add(s.heartRateDevice().value());
        s.stimulators().forEach(d -> out.add(d.value()));
        return out;
    }
}
