package org.equilibrium.storage;

import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;

/**
 * What the service stores, one record per stored point. The InfluxDB mapping of each kind
 * (measurement, tags, fields) is documented in storage/influx and is a contract for outside tools.
 * Later stages (sessions) add their own kinds here.
 */
public sealed interface Sample {

    /** Point time, Unix epoch milliseconds. Same series and time overwrite, so replays are idempotent. */
    long timestampMs();

    /** {@code heart_rate}: the sensor's reported rate at notification time. */
    record HeartRate(DeviceId device, long timestampMs, int bpm, Boolean contact, Long seq) implements Sample {
    }

    /** {@code rr_interval}: one beat, at the time the interval ended. */
    record RrInterval(DeviceId device, long timestampMs, double rrMs) implements Sample {
    }

    /** {@code stim}: stimulator telemetry. */
    record Stim(DeviceId device, StimReading reading) implements Sample {
        @Override
        public long timestampMs() {
            return reading.timestampMs();
        }
    }

    /** {@code device_status}: presence, model, firmware, battery. */
    record Status(DeviceId device, StatusReading reading) implements Sample {
        @Override
        public long timestampMs() {
            return reading.timestampMs();
        }
    }

    /** {@code device_status} battery-only update (0x2A19). */
    record Battery(DeviceId device, long timestampMs, int batteryPct) implements Sample {
    }

    /**
     * {@code ingest_rejects}: one refused message. {@code device} is the id from the topic when it had
     * a valid form, else null (stored under the tag value {@code "invalid"}).
     */
    record Reject(DeviceId device, long timestampMs, RejectReason reason, String stream) implements Sample {
    }
}
