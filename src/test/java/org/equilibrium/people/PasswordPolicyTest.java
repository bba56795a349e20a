package org.equilibrium.people;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    @Test
    void requiresAtLeastTenCharacters() {
        assertThatThrownBy(() -> PasswordPolicy.check("password", "123456789"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("password: must be at least 10 characters");
        assertThatCode(() -> PasswordPolicy.check("password", "1234567890")).doesNotThrowAnyException();
    }

    @Test
    void countsCharactersNotUtf16Units() {
        // nine emoji are 18 UTF-16 units but nine characters: too short
        assertThatThrownBy(() -> PasswordPolicy.check("password", "😀".repeat(9)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsMissingBlankAndOverlongPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("newPassword", null)).hasMessage("newPassword: is required");
        assertThatThrownBy(() -> PasswordPolicy.check("password", " ".repeat(12)))
                .hasMessage("password: must not be only whitespace");
        assertThatThrownBy(() -> PasswordPolicy.check("password", "x".repeat(257)))
                .hasMessage("password: must be at most 256 characters");
    }

    @Test
    void normalisesUsernamesCaseInsensitivelyAndRejectsOddOnes() {
        org.assertj.core.api.Assertions.assertThat(Usernames.validNew("  Dr.Smith ")).isEqualTo("dr.smith");
        assertThatThrownBy(() -> Usernames.validNew("ab")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("username: must be 3 to 64");
        assertThatThrownBy(() -> Usernames.validNew("a b c")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Usernames.validNew("")).hasMessage("username: is required");
        org.assertj.core.api.Assertions.assertThat(Usernames.forLog("evil\nINFO forged line")).doesNotContain("\n");
    }
}
