package org.equilibrium.session.live;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.equilibrium.decode.StimReading;
import org.equilibrium.session.Session;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.LiveSessionAnalysis;

/**
 * The live state of one active session. Ingest threads only add to {@link #inbox} and update the newest
 * stimulator readings; everything else is touched by the engine's scheduler thread, or under the session's
 * monitor for changes made through the API.
 */
public final class ActiveSession {
    /** A beat or gap waiting for the scheduler; {@code rrMs} NaN marks a gap. */
    record Incoming(long beatEndMs, double rrMs, long arrivalNanos) {
        boolean gap() {
            return Double.isNaN(rrMs);
        }
    }

    final AtomicReference<Session> session;
    final long patientId;
    final LiveSessionAnalysis analysis;
    final AlertRules alerts;
    final ConcurrentLinkedQueue<Incoming> inbox = new ConcurrentLinkedQueue<>();
    /** Drained from the inbox but later than the next tick: fed after that tick. */
    final ArrayDeque<Incoming> held = new ArrayDeque<>();
    final Map<String, StimReading> stim = new ConcurrentHashMap<>();
    final Map<String, StimReading> stimSeen = new ConcurrentHashMap<>();
    /** Newest beat time received (ingest threads write it): the device clock of this session. */
    volatile long newestBeatMs = Long.MIN_VALUE;
    long nextTickMs;
    long lastFedBeatMs;
    long lastFedArrivalNanos = -1;
    long droppedBeats;
    volatile AutonomicEstimate latest;
    volatile Connection connection = Connection.LIVE;

    ActiveSession(Session session, long patientId, LiveSessionAnalysis analysis, long firstTickMs) {
        this.session = new AtomicReference<>(session);
        this.patientId = patientId;
        this.analysis = analysis;
        this.alerts = new AlertRules(session.id(), patientId);
        this.nextTickMs = firstTickMs;
        this.lastFedBeatMs = session.startedAtMs();
    }

    public Session session() {
        return session.get();
    }

    public long patientId() {
        return patientId;
    }

    /** The newest estimate, or null before the first tick. */
    public AutonomicEstimate latest() {
        return latest;
    }

    public Connection connection() {
        return connection;
    }

    /** Newest telemetry of the session's first stimulator that sent any, or null. */
    public StimReading latestStim() {
        for (var d : session.get().stimulators()) {
            StimReading r = stim.get(d.value());
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
