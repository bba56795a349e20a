package org.equilibrium.transport.mqtt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mqtt} on /health and /health/readiness: UP when connected and subscribed, else DOWN with the last error.
 * Not a liveness check: the process stays up and keeps reconnecting, so an orchestrator should stop routing to
 * it, not restart it.
 */
@Singleton
@Readiness
@Requires(beans = MqttIngress.class)
public class MqttHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final MqttIngress ingress;

    public MqttHealthIndicator(MqttIngress ingress) {
        this.ingress = ingress;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        MqttStatus s = ingress.status();
        healthStatus = s.up() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", s.url());
        d.put("clientId", s.clientId());
        d.put("connected", s.connected());
        d.put("subscribed", s.subscribed());
        d.put("subscription", s.subscriptionFilter());
        d.put("sessionPresent", s.sessionPresent());
        d.put("connects", s.connects());
        d.put("connectFailures", s.connectFailures());
        if (s.lastError() != null) {
            d.put("lastError", s.lastError());
            d.put("lastErrorAt", Instant.ofEpochMilli(s.lastErrorAtMs()).toString());
        }
        return d;
    }

    @Override
    protected String getName() {
        return "mqtt";
    }
}
