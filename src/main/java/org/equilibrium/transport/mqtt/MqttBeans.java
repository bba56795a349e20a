package org.equilibrium.transport.mqtt;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.equilibrium.ingest.IngestBeans;
import org.equilibrium.ingest.TopicParser;

/** The broker connection bean. Created lazily by {@code IngestService}; it connects in the background. */
@Factory
@Requires(property = "equilibrium.mqtt.enabled", notEquals = "false")
public class MqttBeans {

    @Singleton
    @Bean(preDestroy = "close")
    MqttIngress mqttIngress(MqttSettings settings, MqttIngressListener listener,
                            @Named(IngestBeans.SCHEDULER) ScheduledExecutorService scheduler, MeterRegistry meters)
            throws MqttException {
        String filter = new TopicParser(settings.prefix(), Integer.MAX_VALUE).subscriptionFilter();
        MqttIngress ingress = new MqttIngress(settings.toOptions(filter), listener, scheduler);
        Gauge.builder("equilibrium.mqtt.up", ingress, i -> i.status().up() ? 1 : 0)
                .description("1 while connected and subscribed").register(meters);
        FunctionCounter.builder("equilibrium.mqtt.connects", ingress, i -> i.status().connects())
                .description("successful broker connects").register(meters);
        FunctionCounter.builder("equilibrium.mqtt.connect.failures", ingress, i -> i.status().connectFailures())
                .description("failed connect attempts").register(meters);
        return ingress;
    }
}
