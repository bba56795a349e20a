package org.equilibrium.people;

/**
 * What an account is allowed to do. The enum name is also the role string carried in the
 * access token and checked by {@code @Secured}; {@link Names} holds the same names as
 * compile-time constants for annotations.
 */
public enum Role {
    /** Sees and acts on their own data only. */
    PATIENT,
    /** Sees and acts on the patients assigned to them. */
    THERAPIST,
    /** Manages accounts and assignments; may read every patient. */
    ADMINISTRATOR;

    /**
     * Parses a role name, ignoring case.
     *
     * @throws InvalidInputException naming {@code field} when missing or unknown
     */
    public static Role parse(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "is required (PATIENT, THERAPIST or ADMINISTRATOR)");
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name.strip())) {
                return role;
            }
        }
        throw new InvalidInputException(field, "must be PATIENT, THERAPIST or ADMINISTRATOR");
    }

    /** Role names as constants, for {@code @Secured(Role.Names.ADMINISTRATOR)}. */
    public static final class Names {
        public static final String PATIENT = "PATIENT";
        public static final String THERAPIST = "THERAPIST";
        public static final String ADMINISTRATOR = "ADMINISTRATOR";

        private Names() {
        }
    }
}
