package org.equilibrium.api.sessions;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.people.Account;
import org.equilibrium.people.AccountService;
import org.equilibrium.session.Marker;
import org.equilibrium.session.PhaseKind;
import org.equilibrium.session.Rating;
import org.equilibrium.session.Session;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.WindowMetrics;
import org.equilibrium.session.live.Connection;
import org.equilibrium.session.live.SessionDocument;
import org.equilibrium.session.live.SessionSnapshot;
import org.equilibrium.session.summary.PhaseSummary;
import org.equilibrium.session.summary.SessionSummary;
import org.equilibrium.session.summary.SummarySentences;

/** Model → DTO for the session and device API. */
@Singleton
public class SessionViews {
    private final AccountService accounts;
    private final DeviceRegistry devices;
    private final ProfileRegistry profiles;

    public SessionViews(AccountService accounts, DeviceRegistry devices, ProfileRegistry profiles) {
        this.accounts = accounts;
        this.devices = devices;
        this.profiles = profiles;
    }

    public Dtos.DeviceView device(DeviceRecord r) {
        String kind = r.profileId() == null ? null
                : profiles.byId(r.profileId()).map(p -> p.kind().yamlName()).orElse(null);
        Long patient = r.patientId() == null ? null : Long.valueOf(r.patientId());
        return new Dtos.DeviceView(r.id(), r.model(), r.profileId(), kind, r.displayName(), patient, r.online(),
                r.batteryPct(), r.lastSeenMs(), "mqtt");
    }

    public Optional<DeviceProfile.Kind> kind(DeviceRecord r) {
        return r.profileId() == null ? Optional.empty() : profiles.byId(r.profileId()).map(DeviceProfile::kind);
    }

    public Dtos.SessionView session(SessionSnapshot snap, long nowMs) {
        Session s = snap.session();
        String name = accounts.find(snap.patientId()).map(Account::displayName).orElse(null);
        List<Dtos.PhaseView> phases = s.phases().stream()
                .map(p -> new Dtos.PhaseView(p.kind().wireName(), p.startMs(), p.endMs())).toList();
        long at = s.endedAtMs() != null ? s.endedAtMs() - 1 : nowMs;
        String phase = s.phaseAt(Math.max(at, s.startedAtMs())).map(PhaseKind::wireName).orElse(null);
        List<Dtos.MarkerView> markers = new ArrayList<>();
        for (Marker m : s.markers()) {
            String author = snap.markerAuthors().stream()
                    .filter(a -> a.atMs() == m.atMs() && a.text().equals(m.text()))
                    .map(SessionDocument.MarkerDoc::author).findFirst().orElse(null);
            markers.add(new Dtos.MarkerView(m.atMs(), m.text(), author));
        }
        Dtos.RatingsView ratings = new Dtos.RatingsView(rating(s, Rating.Scale.PAIN, Rating.Moment.START),
                rating(s, Rating.Scale.PAIN, Rating.Moment.END), rating(s, Rating.Scale.CALM, Rating.Moment.START),
                rating(s, Rating.Scale.CALM, Rating.Moment.END));
        List<Dtos.DeviceView> devs = new ArrayList<>();
        List<DeviceId> ids = new ArrayList<>();
        ids.add(s.heartRateDevice());
        ids.addAll(s.stimulators());
        for (DeviceId id : ids) {
            devices.find(id.value()).map(this::device).ifPresent(devs::add);
        }
        Dtos.EstimateView latest = snap.latest() == null ? null
                : estimate(s.id(), snap.latest(), snap.connection(), snap.stim());
        return new Dtos.SessionView(s.id(), snap.patientId(), name, s.startedBy().userId(),
                s.startedBy().role().wireName(), s.practice().type().wireName(), s.practice().breathsPerMinute(),
                s.context().wireName(), s.modalities().stream().map(m -> m.wireName()).toList(), s.startedAtMs(),
                s.endedAtMs(), phase, phases, markers, ratings, devs, latest,
                snap.connection() == null ? null : snap.connection().wireName());
    }

    private static Integer rating(Session s, Rating.Scale scale, Rating.Moment moment) {
        return s.rating(scale, moment).map(Rating::value).orElse(null);
    }

    /**
     * The estimate object of the contract. The estimator keeps one baseline-relative quantity, the balance
     * against this session's own baseline in SD units ({@code relativeZ}, + = more parasympathetic than at
     * baseline): {@code pns_rel} is it, {@code sns_rel} its negation; both null before a baseline exists.
     */
    public Dtos.EstimateView estimate(String sessionId, AutonomicEstimate e, Connection connection, StimReading stim) {
        WindowMetrics m = e.metrics();
        return new Dtos.EstimateView(sessionId, e.windowEndMs(), e.phase() == null ? null : e.phase().wireName(),
                e.state().wireName(), e.heldState().wireName(), n(e.balanceScore()), e.confidence(),
                e.quality().wireName(), n(m.meanHrBpm()), n(m.rmssdMs()), n(m.hfMs2()), n(m.lfHf()), n(m.coherence()),
                n(m.respRateBpm()), n(m.pnsIndex()), n(m.snsIndex()), n(e.relativeZ()), n(-e.relativeZ()),
                m.coverage(), 100 * m.artefactFraction(), stim(e, stim),
                connection == null ? null : connection.wireName());
    }

    private static Dtos.StimView stim(AutonomicEstimate e, StimReading r) {
        if (r == null && e.stimulation().modality() == null) {
            return null;
        }
        var c = e.stimulation();
        return new Dtos.StimView(c.on(), c.modality() == null ? null : c.modality().wireName(),
                c.currentMicroamps(), r == null ? null : r.frequencyHz(), c.program(),
                r == null ? null : r.electrodeOk());
    }

    public Dtos.StimView stim(StimReading r) {
        return new Dtos.StimView(r.delivering(), r.modality() == null ? null : r.modality().wireName(),
                r.currentMicroamps(), r.frequencyHz(), r.program(), r.electrodeOk());
    }

    public Dtos.SummaryView summary(Session s, SessionSummary summary) {
        List<Dtos.PhaseSummaryView> phases = new ArrayList<>();
        for (PhaseSummary p : summary.phases()) {
            Map<String, Double> times = new LinkedHashMap<>();
            times.put("sympathetic", p.stateTimes().sympatheticMs() / 1000.0);
            times.put("balanced", p.stateTimes().balancedMs() / 1000.0);
            times.put("parasympathetic", p.stateTimes().parasympatheticMs() / 1000.0);
            times.put("unknown", p.stateTimes().lowQualityMs() / 1000.0);
            phases.add(new Dtos.PhaseSummaryView(p.kind().wireName(), p.durationMs() / 1000.0, n(p.meanHrBpm()),
                    n(p.rmssdMs()), n(p.hfMs2()), n(p.lfHf()), n(p.pnsIndex()), n(p.snsIndex()), n(p.coherence()), times,
                    p.stimulation().milliampMinutes(), p.stimulation().onMs() / 1000.0, pct(p.artefactFraction()),
                    pct(p.coverage()), p.beats(), p.windows(), p.okWindows()));
        }
        List<String> sentences = new ArrayList<>();
        for (PhaseKind k : List.of(PhaseKind.PRACTICE, PhaseKind.RECOVERY)) {
            SummarySentences.hrvChange(summary, k, s.practice()).ifPresent(sentences::add);
            SummarySentences.heartRateChange(summary, k, s.practice()).ifPresent(sentences::add);
            SummarySentences.restAndDigestTime(summary, k, s.practice()).ifPresent(sentences::add);
            SummarySentences.stimulation(summary, k, s.practice()).ifPresent(sentences::add);
        }
        return new Dtos.SummaryView(s.id(), summary.asOfMs(), phases, sentences);
    }

    static Double n(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Double pct(double fraction) {
        return Double.isFinite(fraction) ? 100 * fraction : null;
    }
}
