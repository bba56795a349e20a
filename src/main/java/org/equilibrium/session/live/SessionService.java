package org.equilibrium.session.live;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Provider;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.ingest.IngestListeners;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.Caller;
import org.equilibrium.people.ConflictException;
import org.equilibrium.people.ForbiddenException;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.people.NotFoundException;
import org.equilibrium.people.PatientScope;
import org.equilibrium.people.Role;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Modality;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Practice;
import org.equilibrium.session.Rating;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.StartedBy;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions for the API: who may start, read and change which session (via {@link AccessPolicy}), one active
 * session per patient, persistence of every change (so a restart keeps them; active sessions resume their live
 * chain, with a fresh baseline), and the one scheduler that drives {@link LiveSessionEngine}.
 */
@Context
@Requires(beans = ProfileRegistry.class)
public class SessionService {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    /** What {@code POST /api/sessions} asks for. */
    public record StartCommand(long patientId, Practice practice, CareContext context, Set<Modality> modalities,
                               long baselineMs, Integer painStart, Integer calmStart) {
    }

    private final SessionRecordRepository repository;
    private final DeviceRegistry devices;
    private final ProfileRegistry profiles;
    private final AccessPolicy access;
    private final JsonMapper json;
    private final LiveSessionEngine engine;
    private final ScheduledExecutorService scheduler;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, List<SessionDocument.MarkerDoc>> authors = new ConcurrentHashMap<>();

    public SessionService(SessionRecordRepository repository, DeviceRegistry devices, ProfileRegistry profiles,
                          AccessPolicy access, JsonMapper json, IngestListeners ingest, Provider<SampleStore> store,
                          SessionSettings settings) {
        this.repository = repository;
        this.devices = devices;
        this.profiles = profiles;
        this.access = access;
        this.json = json;
        this.engine = new LiveSessionEngine(settings.toEngineSettings(), new HrvAnalyzer(HrvConfig.DEFAULT),
                // The store is looked up at the first sample: a service without sessions opens no store.
                EstimatorSettings.defaults(), samples -> store.get().append(samples), clock::millis);
        ingest.addBeatListener(engine);
        ingest.addStimListener(engine);
        resumeActive();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-scheduler");
            t.setDaemon(true);
            return t;
        });
        long poll = engine.settings().pollMs();
        scheduler.scheduleWithFixedDelay(engine::poll, poll, poll, TimeUnit.MILLISECONDS);
    }

    public LiveSessionEngine engine() {
        return engine;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void resumeActive() {
        for (SessionRecord r : repository.findByActive(true)) {
            try {
                SessionDocument doc = read(r.document());
                authors.put(r.id(), new CopyOnWriteArrayList<>(doc.markers()));
                engine.open(doc.toSession(), r.patientId());
            } catch (RuntimeException e) {
                LOG.error("Session {} could not be resumed", r.id(), e);
            }
        }
        LOG.info("Sessions: {} active resumed", engine.active().size());
    }

    /** Starts a session for a patient with their paired devices. */
    public SessionSnapshot start(Caller caller, StartCommand cmd) {
        access.requireReadPatient(caller, cmd.patientId());
        if (caller.is(Role.ADMINISTRATOR)) {
            throw new ForbiddenException("an administrator does not run sessions; a therapist or the patient does");
        }
        synchronized (this) {
            if (activeOf(cmd.patientId()).isPresent()) {
                throw new ConflictException("patient " + cmd.patientId() + " already has an active session");
            }
            String patient = Long.toString(cmd.patientId());
            List<DeviceRecord> paired = devices.list().stream().filter(d -> patient.equals(d.patientId())).toList();
            DeviceRecord strap = paired.stream().filter(d -> kind(d) == DeviceProfile.Kind.HR_SENSOR)
                    .max(Comparator.comparing(DeviceRecord::online).thenComparing(DeviceRecord::lastSeenMs))
                    .orElseThrow(() -> new NoHeartRateSensorException("patient " + cmd.patientId()
                            + " has no paired heart-rate sensor"));
            List<DeviceId> stims = paired.stream().filter(d -> kind(d) == DeviceProfile.Kind.STIMULATOR)
                    .map(d -> new DeviceId(d.id())).toList();
            long now = clock.millis();
            StartedBy by = new StartedBy(Long.toString(caller.accountId()),
                    caller.is(Role.PATIENT) ? StartedBy.Role.PATIENT : StartedBy.Role.THERAPIST);
            Session s;
            try {
                s = Session.start(UUID.randomUUID().toString(), patient, by, cmd.practice(), cmd.modalities(),
                        cmd.context(), new DeviceId(strap.id()), stims,
                        new SessionPlan(cmd.baselineMs(), null, null), now);
                if (cmd.painStart() != null) {
                    s = s.rate(Rating.Scale.PAIN, Rating.Moment.START, cmd.painStart(), now);
                }
                if (cmd.calmStart() != null) {
                    s = s.rate(Rating.Scale.CALM, Rating.Moment.START, cmd.calmStart(), now);
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("session", e.getMessage());
            }
            authors.put(s.id(), new CopyOnWriteArrayList<>());
            persist(s, cmd.patientId());
            engine.open(s, cmd.patientId());
            event(s, cmd.patientId(), now, "start", s.practice().type().wireName(), null);
            engine.changed(s, cmd.patientId());
            return snapshot(s, cmd.patientId());
        }
    }

    /** Sessions the caller may see, newest first. */
    public List<SessionSnapshot> list(Caller caller, Boolean active, Long patientId) {
        PatientScope scope = access.visiblePatients(caller);
        List<SessionRecord> records;
        if (patientId != null) {
            if (!scope.includes(patientId)) {
                return List.of();
            }
            records = repository.findByPatientIdOrderByStartedMsDesc(patientId);
        } else {
            records = repository.listOrderByStartedMsDesc();
        }
        List<SessionSnapshot> out = new ArrayList<>();
        for (SessionRecord r : records) {
            if (scope.includes(r.patientId()) && (active == null || active == r.active())) {
                out.add(snapshot(r));
            }
        }
        return out;
    }

    /** A session the caller may see; 404 otherwise (same as a session that does not exist). */
    public SessionSnapshot get(Caller caller, String id) {
        SessionRecord r = repository.findById(id).orElseThrow(() -> new NotFoundException("no session " + id));
        if (!access.canReadPatient(caller, r.patientId())) {
            throw new NotFoundException("no session " + id);
        }
        return snapshot(r);
    }

    /** The active sessions the caller may see (live ward). */
    public List<SessionSnapshot> activeVisible(Caller caller) {
        PatientScope scope = access.visiblePatients(caller);
        return engine.active().stream().filter(a -> scope.includes(a.patientId()))
                .map(a -> snapshot(a.session(), a.patientId())).toList();
    }

    public SessionSnapshot phase(Caller caller, String id, PhaseKind kind) {
        long patient = requireActing(caller, id);
        Session s = change(id, (cur, now) -> cur.startPhase(kind, now));
        event(s, patient, s.lastChangeMs(), "phase", kind.wireName(), null);
        return changed(s, patient);
    }

    public SessionSnapshot marker(Caller caller, String id, String text) {
        long patient = requireActing(caller, id);
        Session s = change(id, (cur, now) -> cur.addMarker(text, now, now));
        var m = s.markers().stream().filter(x -> x.atMs() == s.lastChangeMs()).reduce((a, b) -> b).orElseThrow();
        authors.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                .add(new SessionDocument.MarkerDoc(m.atMs(), m.text(), caller.username()));
        event(s, patient, m.atMs(), "marker", m.text(), null);
        return changed(s, patient);
    }

    public SessionSnapshot rate(Caller caller, String id, Rating.Scale scale, Rating.Moment moment, int value) {
        long patient = requireActing(caller, id);
        Session s = change(id, (cur, now) -> cur.rate(scale, moment, value, now));
        event(s, patient, s.lastChangeMs(), "rating", scale.wireName() + "-" + moment.wireName(), (double) value);
        return changed(s, patient);
    }

    public SessionSnapshot end(Caller caller, String id, Integer painEnd, Integer calmEnd) {
        long patient = requireActing(caller, id);
        engine.poll(); // estimates due before the end are made first
        Session s = change(id, (cur, now) -> {
            Session next = cur.end(now);
            if (painEnd != null) {
                next = next.rate(Rating.Scale.PAIN, Rating.Moment.END, painEnd, now);
            }
            if (calmEnd != null) {
                next = next.rate(Rating.Scale.CALM, Rating.Moment.END, calmEnd, now);
            }
            return next;
        });
        engine.close(id);
        persist(s, patient);
        event(s, patient, s.endedAtMs(), "end", null, null);
        engine.ended(s, patient);
        return snapshot(s, patient);
    }

    private SessionSnapshot changed(Session s, long patient) {
        persist(s, patient);
        engine.changed(s, patient);
        return snapshot(s, patient);
    }

    private Session change(String id, LiveSessionEngine.ChangeAt change) {
        try {
            return engine.change(id, change);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("session", e.getMessage());
        }
    }

    /** The patient of an active session the caller may change (therapist or the patient; 404 if not visible). */
    private long requireActing(Caller caller, String id) {
        SessionSnapshot s = get(caller, id);
        if (caller.is(Role.ADMINISTRATOR)) {
            throw new ForbiddenException("an administrator does not run sessions");
        }
        if (s.session().status() != Session.Status.ACTIVE || engine.get(id).isEmpty()) {
            throw new ConflictException("session " + id + " has ended");
        }
        return s.patientId();
    }

    private Optional<ActiveSession> activeOf(long patientId) {
        return engine.active().stream().filter(a -> a.patientId() == patientId).findFirst();
    }

    private DeviceProfile.Kind kind(DeviceRecord d) {
        return d.profileId() == null ? null : profiles.byId(d.profileId()).map(DeviceProfile::kind).orElse(null);
    }

    private void event(Session s, long patient, long tMs, String kind, String text, Double value) {
        engine.append(List.of(new Sample.SessionEvent(patient, s.id(), tMs, kind, text, value)));
    }

    private void persist(Session s, long patientId) {
        String doc;
        try {
            doc = json.writeValueAsString(SessionDocument.of(s, authors.getOrDefault(s.id(), List.of())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SessionRecord r = new SessionRecord(s.id(), patientId, s.status() == Session.Status.ACTIVE, s.startedAtMs(),
                s.endedAtMs(), doc);
        if (repository.existsById(s.id())) {
            repository.update(r);
        } else {
            repository.save(r);
        }
    }

    private SessionDocument read(String doc) {
        try {
            return json.readValue(doc, SessionDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SessionSnapshot snapshot(SessionRecord r) {
        Optional<ActiveSession> a = engine.get(r.id());
        if (a.isPresent()) {
            return snapshot(a.get().session(), r.patientId());
        }
        SessionDocument doc = read(r.document());
        return new SessionSnapshot(doc.toSession(), r.patientId(), doc.markers(), null, null, null);
    }

    private SessionSnapshot snapshot(Session s, long patientId) {
        Optional<ActiveSession> a = engine.get(s.id());
        List<SessionDocument.MarkerDoc> marks = authors.getOrDefault(s.id(), List.of());
        return a.map(x -> new SessionSnapshot(s, patientId, List.copyOf(marks), x.latest(), x.connection(),
                        x.latestStim()))
                .orElseGet(() -> new SessionSnapshot(s, patientId, List.copyOf(marks), null, null, null));
    }
}
