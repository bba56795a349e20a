package org.equilibrium.sim.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.SimSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated devices over MQTT 5 (Eclipse Paho) per the wire contract.
 *
 * <p>Two connection modes:
 * <ul>
 *   <li>{@link Mode#PER_DEVICE}: every device has its own connection whose last will is its
 *       retained offline status, so an abrupt disconnect (fault {@code disconnect}) makes the
 *       broker publish the will, exactly as with real hardware. Stimulators subscribe to their own
 *       {@code cmd} topic. Costs three Paho threads per device: for small scenarios.</li>
 *   <li>{@link Mode#POOL}: devices share a few connections (10,000 straps in one process). A will
 *       is per connection, so per-device wills cannot exist; the sink publishes each device's
 *       retained offline status itself on an abrupt disconnect and at shutdown, and a crash of the
 *       simulator leaves stale "online" statuses. One pool connection subscribes
 *       {@code biofeedback/v1/+/cmd} for all stimulators.</li>
 * </ul>
 * Telemetry goes at QoS 0 (as a strap's notifications: loss is visible in {@code seq}); status and
 * {@code cmd/ack} at QoS 1. Raw {@code gatt/…} messages carry the device time as MQTT 5 user property
 * {@code ts} (epoch ms), which the contract lets a gateway add; with a virtual clock faster than real
 * time the arrival time would be wrong.
 */
public final class MqttSink implements SimSink {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSink.class);
    private static final long QOS1_RETRY_MS = 10_000;

    /** How devices map to connections. */
    public enum Mode {
        PER_DEVICE, POOL
    }

    /**
     * @param brokerUrl   e.g. {@code tcp://127.0.0.1:1883}
     * @param topicPrefix deployment prefix before {@code biofeedback/} ("" for none; else ends with '/')
     * @param mode        connection mode
     * @param poolSize    connections in pool mode
     * @param clientIdPrefix client id prefix (unique per run, so two simulators do not kick each other)
     */
    public record Options(String brokerUrl, String topicPrefix, Mode mode, int poolSize, String clientIdPrefix) {
        public Options {
            if (!topicPrefix.isEmpty() && !topicPrefix.endsWith("/")) {
                topicPrefix = topicPrefix + "/";
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be >= 1");
            }
        }
    }

    private final Options options;
    private final List<MqttAsyncClient> pool = new ArrayList<>();
    private final Map<Integer, MqttAsyncClient> perDevice = new HashMap<>();
    private final List<String> topicBase = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile CommandListener commandListener = (id, p) -> { };
    private final String cmdFilterPrefix;

    public MqttSink(Options options) {
        this.options = options;
        this.cmdFilterPrefix = options.topicPrefix() + "biofeedback/v1/";
    }

    @Override
    public void setCommandListener(CommandListener listener) {
        this.commandListener = listener;
    }

    @Override
    public long failures() {
        return failures.get();
    }

    private String topic(DeviceInfo d, String stream) {
        while (topicBase.size() <= d.index()) {
            topicBase.add(null);
        }
        String base = topicBase.get(d.index());
        if (base == null) {
            base = options.topicPrefix() + "biofeedback/v1/" + d.id() + "/";
            topicBase.set(d.index(), base);
        }
        return base + stream;
    }

    @Override
    public void connect(DeviceInfo d, byte[] onlineStatus, byte[] offlineWill) {
        MqttAsyncClient client;
        if (options.mode() == Mode.PER_DEVICE) {
            client = newClient(options.clientIdPrefix() + d.id(), topic(d, "status"), offlineWill,
                    d.stimulator() ? new String[] {topic(d, "cmd")} : new String[0]);
            perDevice.put(d.index(), client);
        } else {
            client = poolClient(d.index());
        }
        publishQos1(client, topic(d, "status"), onlineStatus, true);
    }

    @Override
    public void disconnect(DeviceInfo d, byte[] offlineStatus, boolean graceful) {
        if (options.mode() == Mode.POOL) {
            publishQos1(poolClient(d.index()), topic(d, "status"), offlineStatus, true);
            return;
        }
        MqttAsyncClient client = perDevice.remove(d.index());
        if (client == null) {
            return;
        }
        try {
            if (graceful) {
                publishQos1(client, topic(d, "status"), offlineStatus, true);
                client.disconnect(2000).waitForCompletion(3000);
            } else {
                // No DISCONNECT packet: to the broker this is a lost link, so it publishes the will.
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            LOG.warn("Device {} did not disconnect cleanly: {}", d.id(), e.getMessage());
        } finally {
            closeQuietly(client);
        }
    }

    @Override
    public boolean publish(DeviceInfo d, String stream, byte[] payload, long tsEpochMs, boolean retained) {
        MqttAsyncClient client = options.mode() == Mode.POOL ? poolClient(d.index()) : perDevice.get(d.index());
        if (client == null) {
            failures.incrementAndGet();
            return false;
        }
        String topic = topic(d, stream);
        boolean important = retained || stream.equals("status") || stream.equals("cmd/ack");
        if (important) {
            return publishQos1(client, topic, payload, retained);
        }
        try {
            if (stream.startsWith("gatt/")) {
                MqttProperties props = new MqttProperties();
                props.setUserProperties(List.of(new UserProperty("ts", Long.toString(tsEpochMs))));
                client.publish(topic, new MqttMessage(payload, 0, false, props));
            } else {
                client.publish(topic, payload, 0, false);
            }
            return true;
        } catch (MqttException e) {
            countFailure(topic, e);
            return false;
        }
    }

    private boolean publishQos1(MqttAsyncClient client, String topic, byte[] payload, boolean retained) {
        long deadline = System.currentTimeMillis() + QOS1_RETRY_MS;
        while (true) {
            try {
                client.publish(topic, payload, 1, retained);
                return true;
            } catch (MqttException e) {
                // The broker's receive-maximum bounds QoS 1 messages in flight: wait for acks.
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
                        && System.currentTimeMillis() < deadline) {
                    sleep(1);
                    continue;
                }
                countFailure(topic, e);
                return false;
            }
        }
    }

    private void countFailure(String topic, MqttException e) {
        long n = failures.incrementAndGet();
        if (n == 1 || n % 10_000 == 0) {
            LOG.warn("Publish to {} failed ({} failures so far): {}", topic, n, e.getMessage());
        }
    }

    private MqttAsyncClient poolClient(int deviceIndex) {
        if (pool.isEmpty()) {
            for (int i = 0; i < options.poolSize(); i++) {
                String[] subs = i == 0 ? new String[] {cmdFilterPrefix + "+/cmd"} : new String[0];
                pool.add(newClient(options.clientIdPrefix() + "pool-" + i, null, null, subs));
            }
        }
        return pool.get(deviceIndex % pool.size());
    }

    private MqttAsyncClient newClient(String clientId, String willTopic, byte[] will, String[] subscriptions) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(options.brokerUrl(), clientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout(10);
            o.setAutomaticReconnect(false);
            if (willTopic != null) {
                o.setWill(willTopic, new MqttMessage(will, 1, true, new MqttProperties()));
            }
            client.setCallback(new Callback());
            client.connect(o).waitForCompletion(15_000);
            if (subscriptions.length > 0) {
                MqttSubscription[] subs = new MqttSubscription[subscriptions.length];
                for (int i = 0; i < subs.length; i++) {
                    subs[i] = new MqttSubscription(subscriptions[i], 1);
                }
                IMqttToken t = client.subscribe(subs);
                t.waitForCompletion(10_000);
            }
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect to MQTT broker " + options.brokerUrl() + " as " + clientId
                    + ": " + e.getMessage(), e);
        }
    }

    /** Routes {@code …/biofeedback/v1/{id}/cmd} to the simulation; never throws (Paho would drop the link). */
    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (!topic.startsWith(cmdFilterPrefix) || !topic.endsWith("/cmd")) {
                return;
            }
            String id = topic.substring(cmdFilterPrefix.length(), topic.length() - "/cmd".length());
            if (!id.isEmpty() && id.indexOf('/') < 0) {
                commandListener.command(id, message.getPayload());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT connection lost: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : perDevice.values()) {
            disconnectQuietly(c);
        }
        perDevice.clear();
        for (MqttAsyncClient c : pool) {
            disconnectQuietly(c);
        }
        pool.clear();
    }

    private static void disconnectQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                // Let queued QoS 0 telemetry drain before the DISCONNECT.
                c.disconnect(5000).waitForCompletion(6000);
            }
        } catch (MqttException e) {
            LOG.warn("MQTT disconnect: {}", e.getMessage());
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(MqttAsyncClient c) {
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
