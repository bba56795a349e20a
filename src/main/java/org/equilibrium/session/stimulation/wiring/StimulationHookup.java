package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.equilibrium.ingest.IngestListeners;
import org.equilibrium.session.stimulation.StimulatorCommandService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds stim telemetry and {@code cmd/ack} from ingest into the command service and ticks it (lost telemetry,
 * session time, stop re-sends). Eager: the guards must watch telemetry from start-up, not from the first command.
 *
 * <p>The tick is scheduled here and cancelled when this bean is destroyed, not with {@code @Scheduled}: a
 * {@code @Scheduled} task looks its bean up on every run, and a run during shutdown, after the bean was
 * destroyed, tried to build it again against a closed database and logged errors.
 */
@Context
@Requires(beans = {StimulatorCommandService.class, IngestListeners.class})
public class StimulationHookup {
    private static final Logger LOG = LoggerFactory.getLogger(StimulationHookup.class);
    private final ScheduledFuture<?> ticks;

    public StimulationHookup(StimulatorCommandService service, IngestListeners listeners,
                             @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                             @Value("${equilibrium.stimulation.tick-interval:250ms}") Duration tickInterval) {
        listeners.addStimListener(service::onTelemetry);
        listeners.addCommandAckListener((device, payload, arrivalMs) -> service.onAck(device, payload));
        this.ticks = scheduler.scheduleWithFixedDelay(tickInterval, tickInterval, () -> tick(service));
    }

    /** Never lets an exception through: the executor would silently stop the safety ticks for good. */
    private static void tick(StimulatorCommandService service) {
        try {
            service.tick();
        } catch (RuntimeException e) {
            LOG.error("Stimulation safety tick failed; it runs again at the next interval", e);
        }
    }

    @PreDestroy
    void stop() {
        ticks.cancel(false);
    }
}
