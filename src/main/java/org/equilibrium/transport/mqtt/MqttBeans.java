package org.equilibrium.transport.mqtt;

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
                            @Named(IngestBeans.SCHEDULER) ScheduledExecutorService scheduler) throws MqttException {
        String filter = new TopicParser(settings.prefix(), Integer.MAX_VALUE).subscriptionFilter();
        return new MqttIngress(settings.toOptions(filter), listener, scheduler);
    }
}
