package org.equilibrium.device.pairing;

/** Too many wrong claim codes for a device: answered 429 with Retry-After. */
public final class ClaimThrottledException extends RuntimeException {
    private final long retryAfterS;

    public ClaimThrottledException(long retryAfterS) {
        super("too many wrong claim codes for this device; retry in " + retryAfterS + " s");
        this.retryAfterS = retryAfterS;
    }

    public long retryAfterS() {
        return retryAfterS;
    }
}
