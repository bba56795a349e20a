package org.equilibrium.storage;

import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.WindowMetrics;

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

    /**
     * {@code hrv_window}: the HRV metrics of one session's 5-s tick (60-s and 120-s windows ending at
     * {@code timestampMs}). Tagged by patient (bounded), the session id is a field.
     */
    record HrvWindow(long patientId, String sessionId, long timestampMs, WindowMetrics metrics) implements Sample {
    }

    /**
     * {@code autonomic_state}: one session's 5-s estimate with its stimulation context and the connection state
     * of the session's strap at that tick ({@code live}, {@code stale}, {@code lost}).
     */
    record StateEstimate(long patientId, String sessionId, AutonomicEstimate estimate, String connection)
            implements Sample {
        @Override
        public long timestampMs() {
            return estimate.windowEndMs();
        }
    }

    /**
     * {@code session_event}: something that happened in a session. {@code kind} is one of a fixed set
     * ({@code start}, {@code phase}, {@code marker}, {@code rating}, {@code alert}, {@code end}); {@code text}
     * the phase name, marker text, rating ({@code pain-start}) or alert kind; {@code value} a rating's value.
     */
    record SessionEvent(long patientId, String sessionId, long timestampMs, String kind, String text, Double value)
            implements Sample {
    }
}
