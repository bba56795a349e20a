package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import org.equilibrium.ingest.IngestListeners;
import org.equilibrium.session.stimulation.StimulatorCommandService;

/**
 * Feeds stim telemetry and {@code cmd/ack} from ingest into the command service and ticks it (lost telemetry,
 * session time, stop re-sends). Eager: the guards must watch telemetry from start-up, not from the first command.
 */
@Context
@Requires(beans = {StimulatorCommandService.class, IngestListeners.class})
public class StimulationHookup {
    private final StimulatorCommandService service;

    public StimulationHookup(StimulatorCommandService service, IngestListeners listeners) {
        this.service = service;
        listeners.addStimListener(service::onTelemetry);
        listeners.addCommandAckListener((device, payload, arrivalMs) -> service.onAck(device, payload));
    }

    @Scheduled(fixedDelay = "${equilibrium.stimulation.tick-interval:250ms}")
    void tick() {
        service.tick();
    }
}
