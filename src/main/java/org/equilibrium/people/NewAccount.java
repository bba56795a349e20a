package org.equilibrium.people;

/**
 * What is needed to create an account. Validated by {@link AccountService#create}.
 *
 * @param username    login name, case-insensitive
 * @param displayName shown to people
 * @param role        what the account may do
 * @param password    initial password, plaintext only in memory until hashed
 */
public record NewAccount(String username, String displayName, Role role, String password) {
    /** Keeps the password out of any log line or exception message that prints this record. */
    @Override
    public String toString() {
        return "NewAccount[username=" + username + ", displayName=" + displayName + ", role=" + role + "]";
    }
}
