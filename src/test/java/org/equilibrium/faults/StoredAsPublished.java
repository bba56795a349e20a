package org.equilibrium.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.influx.InfluxQueries;

/** Waits (bounded) until InfluxDB holds exactly what a {@link DeviceFleet} published, then checks every value. */
final class StoredAsPublished {

    private StoredAsPublished() {
    }

    /** Total heart-rate points stored for the fleet's devices since {@code t0Ms}. */
    static long storedHeartRate(InfluxQueries q, long t0Ms) {
        List<InfluxQueries.Row> rows = q.rows("SELECT count(bpm) FROM heart_rate WHERE time >= " + t0Ms
                + "ms AND device =~ /^fault-/");
        return rows.isEmpty() ? 0 : rows.get(0).number("count").longValue();
    }

    static void await(DeviceFleet fleet, InfluxQueries q, long t0Ms, long timeoutMs) throws InterruptedException {
        long expected = fleet.totalSent();
        long deadline = System.currentTimeMillis() + timeoutMs;
        long stored = storedHeartRate(q, t0Ms);
        while (stored < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            stored = storedHeartRate(q, t0Ms);
        }
        assertThat(stored).as("heart_rate points stored within %d ms (published %d)", timeoutMs, expected)
                .isEqualTo(expected);
    }

    /** Per device: the heart-rate points and beats equal what was published, value for value. */
    static void assertExact(DeviceFleet fleet, InfluxQueries q, long t0Ms) {
        assertThat(fleet.sent()).as("devices that published").hasSize(fleet.devices());
        long to = t0Ms + 1_000_000_000L;
        for (var e : fleet.sent().entrySet()) {
            List<DeviceFleet.Sent> sent = new ArrayList<>(e.getValue());
            sent.sort(Comparator.comparingLong(DeviceFleet.Sent::tsMs));
            DeviceId device = new DeviceId(e.getKey());
            List<InfluxQueries.HeartRatePoint> expectedHr = sent.stream()
                    .map(s -> new InfluxQueries.HeartRatePoint(s.tsMs(), s.bpm(), true, s.seq())).toList();
            List<InfluxQueries.RrPoint> expectedRr = sent.stream()
                    .map(s -> new InfluxQueries.RrPoint(s.tsMs(), s.rrMs())).toList();
            assertThat(q.heartRate(device, t0Ms, to)).as("heart_rate of %s", device.value())
                    .containsExactlyElementsOf(expectedHr);
            assertThat(q.rrIntervals(device, t0Ms, to)).as("rr_interval of %s", device.value())
                    .containsExactlyElementsOf(expectedRr);
        }
    }
}
