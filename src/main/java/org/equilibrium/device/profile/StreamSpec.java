package org.equilibrium.device.profile;

import org.equilibrium.device.BleUuid;

/** A stream a device model produces, and the decoder (by {@link org.equilibrium.decode.DecoderRegistry} name) for it. */
public sealed interface StreamSpec {

    String decoder();

    /** How the value reaches us over GATT. */
    enum Access {
        NOTIFY, INDICATE, READ
    }

    /**
     * A GATT characteristic.
     *
     * @param service        the primary service holding it
     * @param characteristic the characteristic
     * @param access         notify/indicate (subscribe) or read (poll)
     */
    record BleStream(BleUuid service, BleUuid characteristic, String decoder, Access access) implements StreamSpec {
    }

    /**
     * An MQTT stream, the last part of {@code biofeedback/v1/{deviceId}/{stream}}.
     *
     * @param stream normalised: {@code hr}, {@code stim}, {@code status} or {@code gatt/} + a canonical
     *               128-bit UUID (see {@link ProfileRegistry#normalizeStream})
     */
    record MqttStream(String stream, String decoder) implements StreamSpec {
    }
}
