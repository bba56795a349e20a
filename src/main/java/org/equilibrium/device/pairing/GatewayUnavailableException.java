package org.equilibrium.device.pairing;

/** A BLE gateway could not be reached or did not answer an instruction in time (answered 503). */
public final class GatewayUnavailableException extends RuntimeException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
