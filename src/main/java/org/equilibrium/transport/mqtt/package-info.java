/**
 * MQTT 5 transport (Eclipse Paho mqttv5): the persistent-session ingest connection with manual acks
 * ({@link org.equilibrium.transport.mqtt.MqttIngress}, contract on
 * {@link org.equilibrium.transport.mqtt.MqttIngressListener}), its health indicator and the command publisher.
 * The only package that imports {@code org.eclipse.paho}.
 */
package org.equilibrium.transport.mqtt;
