/**
 * Per-device streams: from one MQTT message to samples, beats and gaps.
 *
 * <pre>
 * Paho callback ─▶ IngestDispatcher (bounded queue per worker, device → worker)
 *                    └▶ IngestPipeline: TopicParser ─▶ limits ─▶ StreamDecoders (profiles) ─▶ ReadingValidator
 *                         ─▶ SequenceTracker (duplicates, loss, restarts) ─▶ BeatReconstructor (beat times, gaps)
 *                         ─▶ samples + BeatListener / StimListener / StatusListener + DeviceObserver (registry)
 *                    └▶ SampleStore.append ─▶ (stored) ─▶ MQTT ack, in arrival order per worker
 * </pre>
 *
 * Bad input becomes one {@code Sample.Reject}, a count per device and reason (metric and {@link
 * org.equilibrium.ingest.IngestStats}) and a rate-limited log line; it never stops ingest. Duplicates (same seq)
 * are counted and dropped, not stored as rejects: QoS 1 redelivery makes them normal.
 */
package org.equilibrium.ingest;
