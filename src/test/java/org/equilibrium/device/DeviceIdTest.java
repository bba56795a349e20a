package org.equilibrium.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DeviceIdTest {
    /** The contract's form (shared/contracts/mqtt-wire.md, "Topics"), as the specification to check against. */
    private static final Pattern CONTRACT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Test
    void acceptsTheContractsCharactersUpTo64() {
        assertThat(DeviceId.isValid("strap-01")).isTrue();
        assertThat(DeviceId.isValid("Polar_H10.A1B2-c3")).isTrue();
        assertThat(DeviceId.isValid("a".repeat(64))).isTrue();
    }

    @Test
    void rejectsEmptyTooLongAndForeignCharacters() {
        assertThat(DeviceId.isValid(null)).isFalse();
        assertThat(DeviceId.isValid("")).isFalse();
        assertThat(DeviceId.isValid("a".repeat(65))).isFalse();
        for (String bad : new String[] {"a/b", "a b", "a+b", "#", "strap\u00e9", "a\u0000", "a:b", "\u0661"}) {
            assertThat(DeviceId.isValid(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> new DeviceId("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A-Za-z0-9._-");
    }

    @Property(tries = 3000)
    void agreesWithTheContractsPatternOnAnyString(@ForAll @StringLength(max = 70) String s) {
        assertThat(DeviceId.isValid(s)).isEqualTo(CONTRACT.matcher(s).matches());
    }

    @Property(tries = 3000)
    void agreesWithTheContractsPatternNearTheAlphabet(
            @ForAll @StringLength(min = 0, max = 66) @Chars({'a', 'Z', '0', '9', '.', '_', '-', '/', '@', '[', '`',
                    '{', ':', ' ', '\u00e9'}) String s) {
        assertThat(DeviceId.isValid(s)).isEqualTo(CONTRACT.matcher(s).matches());
    }
}
