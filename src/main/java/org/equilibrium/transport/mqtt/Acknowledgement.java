package org.equilibrium.transport.mqtt;

/** The PUBACK of one received message, to send once the message is safe. */
public interface Acknowledgement {
    /**
     * Sends the PUBACK (QoS 1; nothing for QoS 0). Thread-safe; a second call does nothing. When the
     * connection the message came on is gone, nothing is sent: the broker redelivers the message after
     * reconnecting (same session) and the receiver must treat it as a possible duplicate.
     */
    void ack();
}
