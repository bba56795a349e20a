package org.equilibrium.ingest;

/** The streams of shared/contracts/mqtt-wire.md, plus {@code truth} (simulator ground truth, informational). */
public enum StreamKind {
    HR("hr", true),
    STIM("stim", true),
    STATUS("status", true),
    /** Raw GATT characteristic value, {@code gatt/{uuid}}. */
    GATT("gatt", true),
    /** Commands the service publishes to stimulators: seen because we subscribe to {@code #}; ignored. */
    CMD("cmd", false),
    /** Device answers to our commands: informational, not stored. */
    CMD_ACK("cmd-ack", false),
    /** Simulator ground truth: informational, not stored. */
    TRUTH("truth", false),
    /** A gateway's own topics, {@code gateway/{gw}/scan|status|cmd|cmd/ack} (src/docs/ble.md): not device data. */
    GATEWAY("gateway", false),
    /** A BLE link gap reported by the gateway, {@code {deviceId}/gap}: becomes a gap in the beat record. */
    GAP("gap", false),
    /** Anything else: rejected as {@code UNKNOWN_STREAM}. */
    UNKNOWN("unknown", false);

    private final String tag;
    private final boolean data;

    StreamKind(String tag, boolean data) {
        this.tag = tag;
        this.data = data;
    }

    /** Bounded metric tag value. */
    public String tag() {
        return tag;
    }

    /** True for streams that carry device data to decode and store. */
    public boolean carriesData() {
        return data;
    }
}
