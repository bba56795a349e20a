package org.equilibrium.transport.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's MQTT 5 connection (Eclipse Paho mqttv5): a persistent session (clean start false, long
 * session expiry, stable client id) with one QoS 1 subscription and manual acknowledgements, plus a small
 * publisher. Connecting never blocks start-up: a failed or lost connection is retried forever with
 * exponential backoff and jitter on {@code scheduler}. Paho's own automatic reconnect is not used because it
 * does not cover a failing first connect.
 *
 * <p>On every connect where the broker did not resume the session, the subscription is made again. Acks of
 * messages received before such a fresh session are dropped (their packet ids mean nothing now, and could
 * belong to new messages); those messages were not acknowledged, which is safe: with a lost session the
 * broker no longer holds them, and with a kept session it redelivers them.
 */
public final class MqttIngress implements MqttCallback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngress.class);
    /** Stateless; its plain TCP sockets read ahead and batch writes (see the class for why). */
    private static final BatchingSocketFactory BATCHING_SOCKETS = new BatchingSocketFactory();

    private final MqttClientOptions options;
    private final MqttIngressListener listener;
    private final ScheduledExecutorService scheduler;
    private final MqttAsyncClient client;
    private final AtomicBoolean reconnectScheduled = new AtomicBoolean();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    /** Incremented whenever a connect did not resume the session: acks of older messages are void. */
    private final AtomicLong sessionGeneration = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile boolean subscribed;
    private volatile boolean sessionPresent;
    private volatile String lastError;
    private volatile long lastErrorAtMs;
    private int attempt;

    public MqttIngress(MqttClientOptions options, MqttIngressListener listener, ScheduledExecutorService scheduler)
            throws MqttException {
        this.options = options;
        this.listener = listener;
        this.scheduler = scheduler;
        // In-memory client state: the broker's session is what survives restarts, not local files.
        this.client = new MqttAsyncClient(options.url(), options.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(this);
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        scheduler.execute(this::connect);
    }

    public MqttStatus status() {
        boolean up = connected;
        return new MqttStatus(options.url(), options.clientId(), up, up && subscribed, sessionPresent,
                connects.get(), connectFailures.get(), lastError, lastErrorAtMs, options.effectiveFilter());
    }

    /**
     * Publishes (used for {@code cmd}). Completes when the broker acknowledged (QoS 1) or the message was
     * written (QoS 0); fails at once when not connected: commands are not queued for later.
     */
    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!connected) {
            done.completeExceptionally(new IllegalStateException("MQTT not connected to " + options.url()));
            return done;
        }
        try {
            client.publish(topic, payload, qos, retained, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void connect() {
        reconnectScheduled.set(false);
        if (closed || connected) {
            return;
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(options.cleanStart());
        o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
        o.setReceiveMaximum(options.receiveMaximum());
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        o.setAutomaticReconnect(false);
        if (options.username() != null && !options.username().isBlank()) {
            o.setUserName(options.username());
            if (options.password() != null) {
                o.setPassword(options.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            applyTls(o);
        } catch (PemTls.TlsSetupException e) {
            // Same policy as a broker that is down: health DOWN with the reason, retried with backoff (the
            // files are read again on each attempt, so fixing them needs no restart).
            connectFailures.incrementAndGet();
            failed("TLS setup for " + options.url() + " failed", e);
            return;
        }
        try {
            client.connect(o, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onConnected(token.getSessionPresent());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    connectFailures.incrementAndGet();
                    failed("connect to " + options.url() + " failed", e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            connectFailures.incrementAndGet();
            failed("connect to " + options.url() + " failed", e);
        }
    }

    private void applyTls(MqttConnectionOptions o) throws PemTls.TlsSetupException {
        MqttTls tls = options.tls();
        if (!options.usesTls()) {
            if (tls.anyFileSet()) {
                // Certificates were configured, so TLS was meant: never fall back to plain text silently.
                throw new PemTls.TlsSetupException("TLS certificate files are set (equilibrium.mqtt.tls-*) but the "
                        + "URL " + options.url() + " is not ssl://; use ssl://host:port (usually port 8883)");
            }
            o.setSocketFactory(BATCHING_SOCKETS);
            return;
        }
        o.setSocketFactory(PemTls.socketFactory(tls));
        o.setHttpsHostnameVerificationEnabled(tls.verifyHostname());
    }

    private void onConnected(boolean resumed) {
        connects.incrementAndGet();
        connected = true;
        sessionPresent = resumed;
        synchronized (this) {
            attempt = 0;
        }
        if (resumed && subscribed) {
            LOG.info("MQTT reconnected to {} as {}; session resumed, subscription kept", options.url(),
                    options.clientId());
            return;
        }
        if (!resumed) {
            sessionGeneration.incrementAndGet();
        }
        LOG.info("MQTT connected to {} as {} (session {}); subscribing to {}", options.url(), options.clientId(),
                resumed ? "resumed" : "new", options.effectiveFilter());
        subscribe();
    }

    private void subscribe() {
        MqttSubscription sub = new MqttSubscription(options.effectiveFilter(), 1);
        try {
            client.subscribe(new MqttSubscription[] {sub}, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        subscribed = false;
                        failed("subscription to " + options.effectiveFilter() + " refused with reason code 0x"
                                + Integer.toHexString(codes[0]), null);
                        forceReconnect();
                        return;
                    }
                    subscribed = true;
                    LOG.info("MQTT subscribed to {}", options.effectiveFilter());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    subscribed = false;
                    failed("subscribe to " + options.effectiveFilter() + " failed", e);
                    forceReconnect();
                }
            }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            failed("subscribe to " + options.effectiveFilter() + " failed", e);
            forceReconnect();
        }
    }

    private void forceReconnect() {
        try {
            client.disconnect();
        } catch (MqttException | RuntimeException e) {
            LOG.debug("disconnect before resubscribing failed", e);
        }
        connected = false;
        scheduleReconnect();
    }

    private void failed(String what, Throwable e) {
        String msg = what + (e == null ? "" : ": " + describe(e));
        lastError = msg;
        lastErrorAtMs = System.currentTimeMillis();
        int n;
        synchronized (this) {
            n = attempt;
        }
        // attempts 1, 2, 3, 5, 9, 17, ...: a broker that stays down for hours does not flood the log
        if ((n & (n - 1)) == 0) {
            LOG.warn("MQTT {} (failure {} in a row; retrying with backoff)", msg, n + 1);
        } else {
            LOG.debug("MQTT {} (failure {} in a row)", msg, n + 1);
        }
        scheduleReconnect();
    }

    /** Backoff doubling from the minimum to the maximum delay, with "equal jitter" (half fixed, half random). */
    private void scheduleReconnect() {
        if (closed || !reconnectScheduled.compareAndSet(false, true)) {
            return;
        }
        long delayMs;
        synchronized (this) {
            long min = options.reconnectMinDelay().toMillis();
            long max = options.reconnectMaxDelay().toMillis();
            long exp = min << Math.min(attempt, 20);
            long cap = Math.max(min, Math.min(max, exp));
            delayMs = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
            attempt++;
        }
        LOG.debug("MQTT reconnect in {} ms", delayMs);
        scheduler.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage();
        String r = root == e ? null : root.toString();
        return (m == null ? e.getClass().getSimpleName() : m) + (r == null ? "" : " (" + r + ")");
    }

    // --- Paho callback (Paho's callback thread) ---

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        long arrivalMs = System.currentTimeMillis();
        int id = message.getId();
        int qos = message.getQos();
        long generation = sessionGeneration.get();
        Acknowledgement ack = new PahoAck(id, qos, generation);
        try {
            listener.messageArrived(new InboundMessage(topic, message.getPayload(), qos, message.isDuplicate(),
                    arrivalMs, gatewayTs(message.getProperties())), ack);
        } catch (RuntimeException e) {
            // Not acknowledged: it comes back after a reconnect. Throwing on to Paho would drop the connection.
            LOG.error("Ingest listener failed on a message on {}; not acknowledged", topic, e);
        }
    }

    private static Long gatewayTs(MqttProperties props) {
        if (props == null || props.getUserProperties() == null) {
            return null;
        }
        for (UserProperty p : props.getUserProperties()) {
            if ("ts".equals(p.getKey())) {
                try {
                    return Long.parseLong(p.getValue().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connected = false;
        // Subscriptions survive in a resumed session; whether it was resumed is known at the next connect.
        Throwable e = response.getException();
        failed("connection lost" + (response.getReasonString() != null ? " (" + response.getReasonString() + ")"
                : ""), e);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        lastError = "MQTT error: " + describe(exception);
        lastErrorAtMs = System.currentTimeMillis();
        LOG.warn("{}", lastError);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // publish completion is reported through each publish's listener
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // handled by the connect action listener, which also knows whether the session was resumed
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /** Disconnects (the broker keeps the session and queues messages for the next start) and closes. */
    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT disconnect on close failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT close failed", e);
        }
        connected = false;
        subscribed = false;
    }

    private final class PahoAck implements Acknowledgement {
        private final int id;
        private final int qos;
        private final long generation;
        private final AtomicBoolean done = new AtomicBoolean();

        PahoAck(int id, int qos, long generation) {
            this.id = id;
            this.qos = qos;
            this.generation = generation;
        }

        @Override
        public void ack() {
            if (!done.compareAndSet(false, true) || qos == 0) {
                return;
            }
            if (generation != sessionGeneration.get() || !connected) {
                return;
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("MQTT ack of message {} failed; the broker will redeliver it", id, e);
            }
        }
    }
}
