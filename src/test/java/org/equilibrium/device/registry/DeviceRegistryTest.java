package org.equilibrium.device.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.device.DeviceId;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

    /** A real in-memory store that counts writes. */
    static final class MemoryStore implements DeviceStore {
        final Map<String, DeviceRecord> rows = new LinkedHashMap<>();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public List<DeviceRecord> loadAll() {
            return List.copyOf(rows.values());
        }

        @Override
        public void upsert(Collection<DeviceRecord> records) {
            writes.add(records.size());
            records.forEach(r -> rows.put(r.id(), r));
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final DeviceRegistry registry = new DeviceRegistry(store, ProfileGuess.standard(), 60_000);
    private final DeviceId strap = new DeviceId("strap-1");

    @Test
    void unknownDeviceIsRegisteredUnpairedWithAProfileGuessedFromItsStream() {
        registry.seen(strap, "gatt/2a37", 1_000);
        DeviceRecord r = registry.find("strap-1").orElseThrow();
        assertThat(r.paired()).isFalse();
        assertThat(r.patientId()).isNull();
        assertThat(r.profileId()).isEqualTo("generic-hrs-strap");
        assertThat(r.firstSeenMs()).isEqualTo(1_000);
        assertThat(r.online()).isTrue();
    }

    @Test
    void steadyTrafficDoesNotWriteToTheDatabase() {
        registry.seen(strap, "hr", 1_000);
        assertThat(registry.flush()).isEqualTo(1);
        for (long t = 2_000; t <= 50_000; t += 1_000) {
            registry.seen(strap, "hr", t);
        }
        assertThat(registry.flush()).isZero();
        assertThat(registry.find("strap-1").orElseThrow().lastSeenMs()).isEqualTo(50_000);
        registry.seen(strap, "hr", 61_001); // last seen moved by more than a minute since persisted
        assertThat(registry.flush()).isEqualTo(1);
        assertThat(store.rows.get("strap-1").lastSeenMs()).isEqualTo(61_001);
        assertThat(store.writes).containsExactly(1, 1);
    }

    @Test
    void statusUpdatesModelFirmwareBatteryClaimCodeAndProfile() {
        registry.seen(strap, "hr", 1_000);
        registry.onStatus(strap, new StatusReading(2_000, true, "polar-h10", "5.0.0", 81, "K7Q2-9XWM"));
        registry.flush();
        DeviceRecord r = store.rows.get("strap-1");
        assertThat(r.profileId()).isEqualTo("polar-h10");
        assertThat(r.model()).isEqualTo("polar-h10");
        assertThat(r.firmware()).isEqualTo("5.0.0");
        assertThat(r.batteryPct()).isEqualTo(81);
        assertThat(r.claimCode()).isEqualTo("K7Q2-9XWM");
        registry.onStatus(strap, new StatusReading(3_000, false, null, null, null, null));
        registry.flush();
        assertThat(store.rows.get("strap-1").online()).isFalse();
        assertThat(store.rows.get("strap-1").claimCode()).isEqualTo("K7Q2-9XWM");
        registry.seen(strap, "hr", 4_000);
        assertThat(registry.find("strap-1").orElseThrow().online()).isTrue();
    }

    @Test
    void devicesSurviveARestartThroughTheStore() {
        registry.seen(strap, "stim", 1_000);
        registry.onBattery(strap, 1_500, 42);
        registry.flush();
        DeviceRegistry next = new DeviceRegistry(store, ProfileGuess.standard(), 60_000);
        next.load();
        DeviceRecord r = next.find("strap-1").orElseThrow();
        assertThat(r.profileId()).isEqualTo("mqtt-tens-generic");
        assertThat(r.batteryPct()).isEqualTo(42);
        assertThat(next.flush()).isZero();
    }

    @Test
    void aFailedWriteIsRetriedAtTheNextFlush() {
        DeviceStore failing = new DeviceStore() {
            int calls;

            @Override
            public List<DeviceRecord> loadAll() {
                return List.of();
            }

            @Override
            public void upsert(Collection<DeviceRecord> records) {
                if (calls++ == 0) {
                    throw new IllegalStateException("database away");
                }
                store.upsert(records);
            }
        };
        DeviceRegistry r = new DeviceRegistry(failing, ProfileGuess.standard(), 60_000);
        r.seen(strap, "hr", 1_000);
        assertThat(r.flush()).isZero();
        assertThat(r.flush()).isEqualTo(1);
        assertThat(store.rows).containsKey("strap-1");
    }
}
