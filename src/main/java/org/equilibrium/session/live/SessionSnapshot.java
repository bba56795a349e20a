package org.equilibrium.session.live;

import java.util.List;
import org.equilibrium.decode.StimReading;
import org.equilibrium.session.Session;
import org.equilibrium.session.autonomic.AutonomicEstimate;

/**
 * A session as the API shows it: the model, who wrote each marker and, while active, the live state.
 *
 * @param latest     newest estimate, null when ended or before the first tick
 * @param connection null when ended
 */
public record SessionSnapshot(Session session, long patientId, List<SessionDocument.MarkerDoc> markerAuthors,
                              AutonomicEstimate latest, Connection connection, StimReading stim) {
}
