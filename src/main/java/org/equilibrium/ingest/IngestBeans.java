package org.equilibrium.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.ingest.gateway.GatewayDirectory;
import org.equilibrium.storage.SampleStore;
import org.equilibrium.transport.mqtt.MqttSettings;

/** Wires the plain ingest classes. */
@Factory
public class IngestBeans {
    public static final String SCHEDULER = "equilibrium-ingest-scheduler";

    @Singleton
    IngestStats ingestStats() {
        return new IngestStats();
    }

    @Singleton
    GatewayDirectory gatewayDirectory(DeviceRegistry registry) {
        return new GatewayDirectory(registry, new ObjectMapper());
    }

    @Singleton
    IngestListeners ingestListeners(DeviceRegistry registry, GatewayDirectory gateways) {
        IngestListeners listeners = new IngestListeners();
        listeners.addStatusListener(registry);
        listeners.addGatewayListener(gateways);
        return listeners;
    }

    @Singleton
    IngestMetrics ingestMetrics(MeterRegistry registry, IngestSettings settings) {
        return new IngestMetrics(registry, settings.maxDeviceTags());
    }

    /** Decoders as the device profiles map MQTT streams (the contract's streams always included). */
    @Singleton
    @Requires(beans = ProfileRegistry.class)
    StreamDecoders profileStreamDecoders(ProfileRegistry profiles) {
        return profiles::decoderForMqttStream;
    }

    /** Without device profiles ({@code equilibrium.profiles.enabled=false}): the contract's fixed mapping. */
    @Singleton
    @Requires(missingBeans = ProfileRegistry.class)
    StreamDecoders contractStreamDecoders() {
        return new ContractStreamDecoders(DecoderRegistry.standard());
    }

    @Singleton
    @Named(SCHEDULER)
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService ingestScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("ingest-scheduler");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    @Singleton
    @Bean(preDestroy = "close")
    IngestDispatcher ingestDispatcher(IngestSettings settings, MqttSettings mqtt, StreamDecoders decoders,
                                      IngestStats stats, IngestMetrics metrics, IngestListeners listeners,
                                      DeviceRegistry registry, SampleStore store,
                                      @Named(SCHEDULER) ScheduledExecutorService scheduler) {
        IngestLimits limits = settings.toLimits();
        TopicParser parser = new TopicParser(mqtt.prefix(), limits.maxTopicLength());
        RejectLog rejectLog = new RejectLog(limits.rejectLogIntervalMs(), limits.maxDeviceTags());
        return new IngestDispatcher(Math.max(0, mqtt.workers()), Math.max(mqtt.queueCapacity(), mqtt.receiveMaximum()),
                () -> new IngestPipeline(limits, parser, decoders, stats, metrics, rejectLog, registry, listeners),
                store, scheduler, metrics.registry(), mqtt.prefix(), mqtt.receiveMaximum(), settings.storeRetryMin(),
                settings.storeRetryMax());
    }
}
