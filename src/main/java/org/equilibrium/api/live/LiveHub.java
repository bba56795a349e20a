package org.equilibrium.api.live;

import jakarta.inject.Singleton;
import io.micronaut.http.sse.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.equilibrium.api.sessions.Dtos;
import org.equilibrium.api.sessions.SessionViews;
import org.equilibrium.decode.StimReading;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Session;
import org.equilibrium.session.live.Alert;
import org.equilibrium.session.live.LiveEstimate;
import org.equilibrium.session.live.SessionListener;
import org.equilibrium.session.live.SessionService;
import org.equilibrium.session.live.SessionSnapshot;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans live session events out to SSE subscribers: one stream per session ({@code estimate}, {@code beat},
 * {@code phase}, {@code marker}, {@code stim}, {@code alert}, {@code session}, {@code ended}) and ward streams
 * ({@code session}, {@code estimate}, {@code alert}, {@code ended}) filtered by the caller's visible patients
 * as they were when the stream opened. Each subscriber has a bounded buffer; a client too slow to keep up
 * loses events (counted in {@link #dropped()}), never the service's memory.
 */
@Singleton
public class LiveHub implements SessionListener {
    static final int BUFFER = 4096;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private record Subscriber(String sessionId, LongPredicate patients, boolean ward, Sinks.Many<Event<?>> sink) {
        boolean wants(String session, long patient) {
            return ward ? patients.test(patient) : sessionId.equals(session);
        }

        void emit(Event<?> e, AtomicLong dropped) {
            synchronized (this) {
                if (sink.tryEmitNext(e).isFailure()) {
                    dropped.incrementAndGet();
                }
            }
        }
    }

    private final SessionViews views;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Map<String, PhaseKind> lastPhase = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastMarkers = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    public LiveHub(SessionService sessions, SessionViews views) {
        this.views = views;
        sessions.engine().addListener(this);
    }

    public long dropped() {
        return dropped.get();
    }

    /** The live stream of one session the caller may see; an ended session gets its view and {@code ended}. */
    public Publisher<Event<?>> session(SessionSnapshot snap) {
        Session s = snap.session();
        Event<?> first = Event.of(views.session(snap, clock.millis())).name("session");
        if (s.endedAtMs() != null) {
            return Flux.just(first, Event.of(views.session(snap, clock.millis())).name("ended"));
        }
        return open(new Subscriber(s.id(), p -> false, false, sink()), Flux.just(first));
    }

    /** All active sessions of the visible patients, each first as a {@code session} event. */
    public Publisher<Event<?>> ward(LongPredicate visible, java.util.List<SessionSnapshot> active) {
        long now = clock.millis();
        Flux<Event<?>> initial = Flux.fromIterable(active).map(a -> Event.of(views.session(a, now)).name("session"));
        return open(new Subscriber("", visible, true, sink()), initial);
    }

    private static Sinks.Many<Event<?>> sink() {
        return Sinks.many().unicast().onBackpressureBuffer(Queues.<Event<?>>get(BUFFER).get());
    }

    private Flux<Event<?>> open(Subscriber sub, Flux<Event<?>> initial) {
        subscribers.add(sub);
        Flux<Event<?>> heartbeat = Flux.interval(HEARTBEAT).map(i -> Event.of("").comment("heartbeat"));
        return Flux.concat(initial, Flux.merge(sub.sink().asFlux(), heartbeat))
                .doFinally(signal -> subscribers.remove(sub));
    }

    private void publish(String sessionId, long patientId, Predicate<Subscriber> who, Event<?> e) {
        for (Subscriber s : subscribers) {
            if (s.wants(sessionId, patientId) && who.test(s)) {
                s.emit(e, dropped);
            }
        }
    }

    @Override
    public void changed(Session session, long patientId) {
        SessionSnapshot snap = new SessionSnapshot(session, patientId, java.util.List.of(), null, null, null);
        Dtos.SessionView view = views.session(snap, clock.millis());
        publish(session.id(), patientId, s -> true, Event.of(view).name("session"));
        PhaseKind phase = session.phaseAt(Math.max(session.lastChangeMs(), session.startedAtMs())).orElse(null);
        PhaseKind before = phase == null ? null : lastPhase.put(session.id(), phase);
        if (phase != null && before != null && before != phase) {
            publish(session.id(), patientId, s -> !s.ward(), Event.of(
                    new Dtos.PhaseView(phase.wireName(), session.lastChangeMs(), null)).name("phase"));
        }
        int markers = session.markers().size();
        Integer seen = lastMarkers.put(session.id(), markers);
        if (markers > (seen == null ? 0 : seen)) {
            var m = session.markers().get(markers - 1);
            publish(session.id(), patientId, s -> !s.ward(),
                    Event.of(new Dtos.MarkerView(m.atMs(), m.text(), null)).name("marker"));
        }
    }

    @Override
    public void estimate(LiveEstimate e) {
        Dtos.EstimateView view = views.estimate(e.sessionId(), e.estimate(), e.connection(), e.stimReading());
        publish(e.sessionId(), e.patientId(), s -> true, Event.of(view).name("estimate"));
    }

    @Override
    public void beat(String sessionId, long patientId, long beatEndMs, double rrMs) {
        publish(sessionId, patientId, s -> !s.ward(), Event.of(new Dtos.BeatView(beatEndMs, rrMs)).name("beat"));
    }

    @Override
    public void stim(String sessionId, long patientId, String deviceId, StimReading r) {
        publish(sessionId, patientId, s -> !s.ward(), Event.of(new Dtos.StimEventView(sessionId, deviceId,
                r.timestampMs(), views.stim(r), r.state() == null ? null : r.state().wireName(), r.impedanceOhm()))
                .name("stim"));
    }

    @Override
    public void alert(Alert a) {
        publish(a.sessionId(), a.patientId(), s -> true,
                Event.of(new Dtos.AlertView(a.sessionId(), a.kind(), a.text(), a.tMs())).name("alert"));
    }

    @Override
    public void ended(Session session, long patientId) {
        SessionSnapshot snap = new SessionSnapshot(session, patientId, java.util.List.of(), null, null, null);
        publish(session.id(), patientId, s -> true, Event.of(views.session(snap, clock.millis())).name("ended"));
        lastPhase.remove(session.id());
        lastMarkers.remove(session.id());
        for (Subscriber s : subscribers) {
            if (!s.ward() && s.sessionId().equals(session.id())) {
                synchronized (s) {
                    s.sink().tryEmitComplete();
                }
            }
        }
    }
}
