package org.equilibrium.device.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.ingest.DeviceObserver;
import org.equilibrium.ingest.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices, their profile, patient and presence, held in memory and written behind to a {@link DeviceStore}.
 *
 * <p>The ingest path calls {@link #seen} for every message: that is a map lookup and a field write. A device
 * publishing for the first time is registered as unpaired (no patient). Changes that matter (new device,
 * status, battery, claim code) mark the device dirty; {@link #flush} (on a timer and at shutdown) writes
 * dirty devices. {@code lastSeen} alone marks a device dirty only when it moved by more than
 * {@code lastSeenPersistMs}, so steady traffic does not turn into database writes.
 */
public final class DeviceRegistry implements DeviceObserver, StatusListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final DeviceStore store;
    private final ProfileGuess profiles;
    private final long lastSeenPersistMs;
    private final Map<String, Entry> devices = new ConcurrentHashMap<>();

    public DeviceRegistry(DeviceStore store, ProfileGuess profiles, long lastSeenPersistMs) {
        this.store = store;
        this.profiles = profiles;
        this.lastSeenPersistMs = lastSeenPersistMs;
    }

    /** Loads the persisted devices; call once before ingest starts. */
    public void load() {
        for (DeviceRecord r : store.loadAll()) {
            Entry e = new Entry(r);
            e.persisted = true;
            e.dirty = false; // as stored
            devices.put(r.id(), e);
        }
        LOG.info("Device registry: {} devices loaded", devices.size());
    }

    @Override
    public void seen(DeviceId device, String stream, long arrivalMs) {
        Entry e = devices.get(device.value());
        if (e == null) {
            e = devices.computeIfAbsent(device.value(), id -> {
                LOG.info("New device {} on stream '{}': registered as unpaired", id, stream);
                return new Entry(new DeviceRecord(id, profiles.fromStream(stream), null, null, null, arrivalMs,
                        arrivalMs, true, null, null, null));
            });
        }
        e.seen(arrivalMs);
        DeviceRecord b = e.base;
        if (!b.online() || b.profileId() == null) {
            e.presence(profiles.fromStream(stream));
        }
    }

    @Override
    public void onStatus(DeviceId device, StatusReading s) {
        Entry e = devices.get(device.value());
        if (e != null) {
            e.status(s, profiles.fromModel(s.model()));
        }
    }

    @Override
    public void onBattery(DeviceId device, long timestampMs, int batteryPct) {
        Entry e = devices.get(device.value());
        if (e != null) {
            e.battery(batteryPct);
        }
    }

    /**
     * Marks a known device offline without a status message of its own: its BLE gateway went offline, and a
     * gateway's devices cannot have last wills (src/docs/ble.md). Unknown ids are ignored.
     *
     * @return true when the device was known and online
     */
    public boolean markOffline(String id) {
        Entry e = devices.get(id);
        return e != null && e.offline();
    }

    /**
     * Registers a device the service is about to link (a BLE device picked from a gateway's scan) before it has
     * sent anything, so it can be paired at once. A known device is left as it is.
     */
    public DeviceRecord register(DeviceId device, String profileId, long nowMs) {
        Entry e = devices.computeIfAbsent(device.value(), id -> {
            LOG.info("Device {} registered for linking (profile {})", id, profileId);
            return new Entry(new DeviceRecord(id, profileId, null, null, null, nowMs, nowMs, false, null, null,
                    null));
        });
        return e.snapshot();
    }

    public List<DeviceRecord> list() {
        List<DeviceRecord> out = new ArrayList<>(devices.size());
        devices.values().forEach(e -> out.add(e.snapshot()));
        out.sort(Comparator.comparing(DeviceRecord::id));
        return out;
    }

    public Optional<DeviceRecord> find(String id) {
        Entry e = devices.get(id);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    /**
     * Pairs the device with a patient (or, with a null patient, unpairs it) and writes it at once, so a pairing
     * survives a restart. Returns the device as stored; empty when the registry does not know the device.
     *
     * @param displayName a name for the device chosen when pairing, or null to keep the current one
     */
    public Optional<DeviceRecord> setPatient(String id, String patientId, String displayName) {
        Entry e = devices.get(id);
        if (e == null) {
            return Optional.empty();
        }
        e.patient(patientId, displayName);
        flush();
        return Optional.of(e.snapshot());
    }

    /** Writes every changed device. A failed write keeps them dirty for the next flush. */
    public int flush() {
        List<Entry> dirty = new ArrayList<>();
        List<DeviceRecord> records = new ArrayList<>();
        for (Entry e : devices.values()) {
            DeviceRecord r = e.takeIfDirty(lastSeenPersistMs);
            if (r != null) {
                dirty.add(e);
                records.add(r);
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        try {
            store.upsert(records);
            dirty.forEach(e -> e.persisted = true);
            return records.size();
        } catch (RuntimeException ex) {
            dirty.forEach(Entry::markDirty);
            LOG.warn("Device registry: writing {} devices failed, will retry: {}", records.size(), ex.toString());
            return 0;
        }
    }

    /** One device's mutable state; synchronised per device (status and flush are rare, seen is cheap). */
    private static final class Entry {
        volatile DeviceRecord base;
        private volatile long lastSeenMs;
        private long persistedLastSeenMs;
        private boolean dirty;
        volatile boolean persisted;

        Entry(DeviceRecord r) {
            this.base = r;
            this.lastSeenMs = r.lastSeenMs();
            this.persistedLastSeenMs = r.lastSeenMs();
            this.dirty = true;
        }

        void seen(long arrivalMs) {
            if (arrivalMs > lastSeenMs) {
                lastSeenMs = arrivalMs;
            }
        }

        /** A message arrived: the device is online; take the stream's profile guess if none is known. */
        synchronized void presence(String guessedProfile) {
            DeviceRecord b = base;
            String profile = b.profileId() != null ? b.profileId() : guessedProfile;
            update(new DeviceRecord(b.id(), profile, b.patientId(), b.displayName(), b.claimCode(),
                    b.firstSeenMs(), b.lastSeenMs(), true, b.batteryPct(), b.model(), b.firmware()));
        }

        /** A status message; a model that names a known profile decides the profile. */
        synchronized void status(StatusReading s, String modelProfile) {
            DeviceRecord b = base;
            String claim = s.claimCode() != null ? s.claimCode() : b.claimCode();
            String model = s.model() != null ? s.model() : b.model();
            String fw = s.firmware() != null ? s.firmware() : b.firmware();
            Integer battery = s.batteryPct() != null ? s.batteryPct() : b.batteryPct();
            String profile = modelProfile != null ? modelProfile : b.profileId();
            update(new DeviceRecord(b.id(), profile, b.patientId(), b.displayName(), claim, b.firstSeenMs(),
                    b.lastSeenMs(), s.online(), battery, model, fw));
        }

        synchronized boolean offline() {
            DeviceRecord b = base;
            if (!b.online()) {
                return false;
            }
            update(new DeviceRecord(b.id(), b.profileId(), b.patientId(), b.displayName(), b.claimCode(),
                    b.firstSeenMs(), b.lastSeenMs(), false, b.batteryPct(), b.model(), b.firmware()));
            return true;
        }

        synchronized void patient(String patientId, String displayName) {
            DeviceRecord b = base;
            String name = displayName != null ? displayName : b.displayName();
            update(new DeviceRecord(b.id(), b.profileId(), patientId, name, b.claimCode(), b.firstSeenMs(),
                    b.lastSeenMs(), b.online(), b.batteryPct(), b.model(), b.firmware()));
        }

        synchronized void battery(int pct) {
            DeviceRecord b = base;
            update(new DeviceRecord(b.id(), b.profileId(), b.patientId(), b.displayName(), b.claimCode(),
                    b.firstSeenMs(), b.lastSeenMs(), b.online(), pct, b.model(), b.firmware()));
        }

        private void update(DeviceRecord next) {
            if (!Objects.equals(next, base)) {
                base = next;
                dirty = true;
            }
        }

        synchronized void markDirty() {
            dirty = true;
        }

        synchronized DeviceRecord takeIfDirty(long lastSeenPersistMs) {
            long seen = lastSeenMs;
            if (!dirty && seen - persistedLastSeenMs <= lastSeenPersistMs) {
                return null;
            }
            dirty = false;
            persistedLastSeenMs = seen;
            return withLastSeen(base, seen);
        }

        synchronized DeviceRecord snapshot() {
            return withLastSeen(base, lastSeenMs);
        }

        private static DeviceRecord withLastSeen(DeviceRecord b, long seen) {
            return new DeviceRecord(b.id(), b.profileId(), b.patientId(), b.displayName(), b.claimCode(),
                    b.firstSeenMs(), Math.max(seen, b.lastSeenMs()), b.online(), b.batteryPct(), b.model(),
                    b.firmware());
        }
    }
}
