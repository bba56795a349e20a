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

    /** Role names as constants, for {@code @Secured(Role.Names.ADMINISTRATOR)}. */
    public static final class Names {
        public static final String PATIENT = "PATIENT";
        public static final String THERAPIST = "THERAPIST";
        public static final String ADMINISTRATOR = "ADMINISTRATOR";

        private Names() {
        }
    }
}
