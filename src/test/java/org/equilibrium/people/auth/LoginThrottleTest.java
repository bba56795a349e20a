package org.equilibrium.people.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10));

    @Test
    void blocksAKeyAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
        assertThat(throttle.recordFailure("bob|10.0.0.1", T0)).isEqualTo(1);
        assertThat(throttle.recordFailure("bob|10.0.0.1", T0.plusSeconds(60))).isEqualTo(2);
        assertThat(throttle.blockedFor("bob|10.0.0.1", T0.plusSeconds(61))).isEmpty();
        assertThat(throttle.recordFailure("bob|10.0.0.1", T0.plusSeconds(120))).isEqualTo(3);

        assertThat(throttle.blockedFor("bob|10.0.0.1", T0.plusSeconds(121))).contains(Duration.ofSeconds(479));
        // the first failure (T0) leaves the 10-minute window at T0+600 s
        assertThat(throttle.blockedFor("bob|10.0.0.1", T0.plusSeconds(600))).isEmpty();
    }

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("bob|10.0.0.1", T0);
        }
        assertThat(throttle.blockedFor("bob|10.0.0.1", T0)).isPresent();
        assertThat(throttle.blockedFor("bob|10.0.0.2", T0)).isEmpty();
        assertThat(throttle.blockedFor("alice|10.0.0.1", T0)).isEmpty();
    }

    @Test
    void successResetsTheCount() {
        throttle.recordFailure("bob|ip", T0);
        throttle.recordFailure("bob|ip", T0);
        throttle.reset("bob|ip");

        assertThat(throttle.recordFailure("bob|ip", T0)).isEqualTo(1);
    }

    @Test
    void prunesExpiredKeysUnderAFloodOfNames() {
        for (int i = 0; i <= LoginThrottle.PRUNE_ABOVE_KEYS + 1; i++) {
            throttle.recordFailure("user" + i + "|ip", T0);
        }
        // one hour later every old key has expired; the next failure prunes them
        assertThat(throttle.trackedKeys()).isEqualTo(LoginThrottle.PRUNE_ABOVE_KEYS + 2);
        throttle.recordFailure("late|ip", T0.plus(Duration.ofHours(1)));
        assertThat(throttle.trackedKeys()).isEqualTo(1);
        assertThat(throttle.blockedFor("user1|ip", T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(throttle.recordFailure("user1|ip", T0.plus(Duration.ofHours(1)))).isEqualTo(1);
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new LoginThrottle(0, Duration.ofMinutes(1))).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new LoginThrottle(3, Duration.ZERO)).hasMessageContaining("window");
    }
}
