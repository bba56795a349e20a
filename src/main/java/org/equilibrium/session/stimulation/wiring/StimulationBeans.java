package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.session.stimulation.CommandPort;
import org.equilibrium.session.stimulation.StimAuditLog;
import org.equilibrium.session.stimulation.StimulatorCommandService;
import org.equilibrium.session.stimulation.StimulatorDirectory;

/** Wires the command service: ports, clocks, ids ({@link StimulationHookup} connects it to ingest). */
@Factory
public class StimulationBeans {

    @Singleton
    @Requires(beans = {CommandPort.class, StimulatorDirectory.class, StimAuditLog.class})
    StimulatorCommandService stimulatorCommandService(StimulatorDirectory directory, AccessPolicy access,
                                                      CommandPort port, StimAuditLog audit,
                                                      StimulationSettings settings) {
        // monotonic time for the guard (wall-clock jumps must not stretch or cut timeouts), wall time for the audit
        return new StimulatorCommandService(directory, access, port, audit, settings.guard(),
                () -> System.nanoTime() / 1_000_000L, System::currentTimeMillis,
                () -> UUID.randomUUID().toString());
    }
}
