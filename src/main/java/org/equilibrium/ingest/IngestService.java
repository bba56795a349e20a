package org.equilibrium.ingest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.device.registry.RegistrySettings;
import org.equilibrium.transport.mqtt.MqttIngress;

/**
 * Starts ingest after the context is up: workers first, then the broker connection (in the background, so a
 * broker that is down never fails start-up). Stops in the reverse order: disconnect (the broker keeps the
 * session and queues for the next start), stop workers, write the registry.
 */
@Singleton
@Requires(property = "equilibrium.mqtt.enabled", notEquals = "false")
public class IngestService implements ApplicationEventListener<StartupEvent> {
    private final IngestDispatcher dispatcher;
    private final MqttIngress ingress;
    private final DeviceRegistry registry;
    private final RegistrySettings registrySettings;
    private final ScheduledExecutorService scheduler;

    public IngestService(IngestDispatcher dispatcher, MqttIngress ingress, DeviceRegistry registry,
                         RegistrySettings registrySettings,
                         @Named(IngestBeans.SCHEDULER) ScheduledExecutorService scheduler) {
        this.dispatcher = dispatcher;
        this.ingress = ingress;
        this.registry = registry;
        this.registrySettings = registrySettings;
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        dispatcher.start();
        ingress.start();
        long flushMs = registrySettings.flushInterval().toMillis();
        scheduler.scheduleWithFixedDelay(registry::flush, flushMs, flushMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ingress.close();
        dispatcher.close();
        registry.flush();
    }
}
