package org.equilibrium.decode;

/**
 * A pure codec from one wire format to readings. Implementations are stateless and thread-safe,
 * never throw on bad input (they return {@link DecodeResult.Rejected}), and do no I/O.
 */
public interface PayloadDecoder {

    /** The name device profiles use to pick this decoder, e.g. {@code "ble-hrm-2a37"}. */
    String name();

    /**
     * @param payload   the bytes as received
     * @param arrivalMs arrival time (epoch ms), the timestamp for formats that carry none
     */
    DecodeResult decode(byte[] payload, long arrivalMs);
}
