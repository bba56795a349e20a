package org.equilibrium.device.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimThrottleTest {

    @Test
    void refusesADeviceAfterMaxWrongCodesUntilTheOldestLeavesTheWindow() {
        ClaimThrottle t = new ClaimThrottle(3, 60_000);
        t.failed("strap-1", 1_000);
        t.failed("strap-1", 2_000);
        assertThat(t.retryAfterMs("strap-1", 2_500)).isZero();
        t.failed("strap-1", 3_000);
        assertThat(t.retryAfterMs("strap-1", 3_000)).isEqualTo(58_000);
        assertThat(t.retryAfterMs("strap-2", 3_000)).as("other devices unaffected").isZero();
        assertThat(t.retryAfterMs("strap-1", 61_000)).as("first failure left the window").isZero();
    }

    @Test
    void aSuccessfulClaimForgetsFailures() {
        ClaimThrottle t = new ClaimThrottle(2, 60_000);
        t.failed("d", 0);
        t.failed("d", 1);
        t.succeeded("d");
        assertThat(t.retryAfterMs("d", 2)).isZero();
    }

    @Test
    void codesMatchIgnoringCaseDashesAndSpacesOnly() {
        assertThat(PairingService.codesMatch("K7Q2-9XWM", "k7q2 9xwm")).isTrue();
        assertThat(PairingService.codesMatch("K7Q2-9XWM", "K7Q29XWM")).isTrue();
        assertThat(PairingService.codesMatch("K7Q2-9XWM", "K7Q2-9XWN")).isFalse();
        assertThat(PairingService.codesMatch("K7Q2-9XWM", "K7Q2-9XW")).isFalse();
    }
}
