package org.equilibrium.session;

import java.util.Locale;

/**
 * Who started a session. Only the user id and role are kept here; who may act for which patient is the
 * access policy's business, not the session model's.
 */
public record StartedBy(String userId, Role role) {
    public enum Role {
        PATIENT, THERAPIST, ADMINISTRATOR;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StartedBy {
        Session.requireId("user id", userId);
        if (role == null) {
            throw new IllegalArgumentException("role of the user starting a session is required");
        }
    }
}
