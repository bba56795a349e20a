package org.equilibrium.testing;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A device or gateway publishing to the test broker (QoS 1, blocking until the broker acknowledged). */
public final class TestPublisher implements AutoCloseable {
    private final MqttClient client;

    public TestPublisher(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
    }

    public void publish(String topic, String json) throws MqttException {
        publish(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
