package org.equilibrium.session;

import org.equilibrium.device.DeviceId;

import java.util.List;
import java.util.Set;

/** Sessions for tests: a therapist-run clinic session starting at T0 with the default plan. */
public final class SessionFixtures {
    public static final long T0 = 1_763_740_800_000L;   // 2025-11-21T16:00:00Z
    public static final DeviceId STRAP = new DeviceId("strap-1");
    public static final DeviceId TENS = new DeviceId("tens-1");

    private SessionFixtures() {
    }

    public static Session clinicSession(SessionPlan plan) {
        return Session.start("s-1", "p-1", new StartedBy("t-1", StartedBy.Role.THERAPIST),
                Practice.pacedBreathing(6), Set.of(Modality.MINDFULNESS, Modality.TENS), CareContext.CLINIC, STRAP,
                List.of(TENS), plan, T0);
    }

    public static Session clinicSession() {
        return clinicSession(SessionPlan.defaults());
    }
}
