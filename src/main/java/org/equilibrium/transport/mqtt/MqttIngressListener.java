package org.equilibrium.transport.mqtt;

/**
 * Receives every message of the ingest subscription, with manual acknowledgement.
 *
 * <p>{@link #messageArrived} is called on Paho's single callback thread, once per PUBLISH, in the order the
 * broker sent them. While it runs, no other message of this connection is delivered and Paho's small
 * inbound queue (ten messages) fills up; once that is full Paho's receiver thread stops reading the socket,
 * so ping responses and acknowledgements of our own publishes are not read either, and after the keep-alive
 * interval the client declares the connection lost. An implementation must therefore only hand the message
 * off (enqueue) and return within microseconds: never decode-heavy work, never I/O, never wait for storage.
 *
 * <p>The PUBACK is <em>not</em> sent when this method returns. It is sent only when the implementation
 * calls {@link Acknowledgement#ack()}, which it must do exactly when the message is durably handled
 * (its samples stored, or nothing to store). Until then the message counts against the client's MQTT 5
 * receive maximum: once that many messages are unacknowledged the broker stops sending and queues further
 * messages in the persistent session, which is the backpressure. A message never acknowledged is
 * redelivered by the broker (with the DUP flag) after the next reconnect, or to the next process that
 * connects with the same client id while the session lasts, so nothing is lost when the service stops.
 *
 * <p>If this method throws, {@link MqttIngress} logs the exception and does not acknowledge the message (it
 * comes back after the next reconnect, holding one receive-maximum slot until then); delivery of the following
 * messages continues and the client stays connected. (Paho itself would close the connection on an exception
 * from its callback; {@code MqttIngress} catches it first.)
 */
@FunctionalInterface
public interface MqttIngressListener {
    void messageArrived(InboundMessage message, Acknowledgement acknowledgement);
}
