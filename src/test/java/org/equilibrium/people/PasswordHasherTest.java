package org.equilibrium.people;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void encodesOwaspArgon2idParametersInPhcFormat() {
        String encoded = hasher.hash("correct horse battery staple");

        // 16-byte salt -> 22 Base64 chars, 32-byte tag -> 43, both unpadded
        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(encoded).doesNotContain("correct horse");
    }

    @Test
    void verifiesTheRightPasswordAndRejectsOthers() {
        String encoded = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", encoded)).isFalse();
        assertThat(hasher.verify("Correct horse battery staple", encoded)).isFalse();
        assertThat(hasher.verify("", encoded)).isFalse();
    }

    @Test
    void twoHashesOfTheSamePasswordDiffer() {
        String first = hasher.hash("same password twice");
        String second = hasher.hash("same password twice");

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("same password twice", first)).isTrue();
        assertThat(hasher.verify("same password twice", second)).isTrue();
    }

    /** Vector made with the reference implementation (Debian package argon2, 0~20171227):
     *  {@code echo -n "correct horse battery staple" | argon2 equilibrium-salt -id -t 2 -k 19456 -p 1 -l 32 -e}. */
    @Test
    void verifiesAHashMadeByTheReferenceImplementation() {
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$ZXF1aWxpYnJpdW0tc2FsdA$6eNH32X3qL/5cmPz/y+VpUF6cKohr5NzuYwxIwpUrq8";

        assertThat(hasher.verify("correct horse battery staple", reference)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", reference)).isFalse();
    }

    @Test
    void rejectsTamperedAndMalformedHashesWithoutThrowing() {
        String encoded = hasher.hash("tamper with me please");
        char last = encoded.charAt(encoded.length() - 2);
        String flipped = encoded.substring(0, encoded.length() - 2) + (last == 'A' ? 'B' : 'A')
                + encoded.charAt(encoded.length() - 1);

        assertThat(hasher.verify("tamper with me please", flipped)).isFalse();
        assertThat(hasher.verify("tamper with me please", encoded.replace("$argon2id$", "$argon2i$"))).isFalse();
        assertThat(hasher.verify("tamper with me please", "plaintext")).isFalse();
        assertThat(hasher.verify("tamper with me please", null)).isFalse();
        // absurd memory cost in a corrupted row: refused, not allocated
        assertThat(hasher.verify("tamper with me please",
                encoded.replace("m=19456", "m=99999999"))).isFalse();
    }

    @Test
    void flagsHashesMadeWithWeakerParametersForRehash() {
        PasswordHasher weak = new PasswordHasher(new SecureRandom(), 1024, 1, 1);
        String old = weak.hash("an old password hash");

        assertThat(hasher.verify("an old password hash", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("a current password hash"))).isFalse();
    }

    @Test
    void refusesParametersOutsideSaneBounds() {
        assertThatThrownBy(() -> new PasswordHasher(new SecureRandom(), 4, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=4");
    }
}
