package org.equilibrium.session.summary;

import org.equilibrium.session.RecordedBeat;
import org.equilibrium.session.Session;
import org.equilibrium.session.autonomic.AutonomicEstimate;

import java.util.List;

/** The summary fixture for tests in other packages. */
public final class SummaryFixtureAccess {
    private SummaryFixtureAccess() {
    }

    public static Session session() {
        return SummaryFixture.SESSION;
    }

    public static SessionSummary summary() {
        return SummaryFixture.summary();
    }

    public static List<AutonomicEstimate> estimates() {
        return SummaryFixture.estimates();
    }

    public static List<RecordedBeat> beats() {
        return SummaryFixture.beats();
    }
}
