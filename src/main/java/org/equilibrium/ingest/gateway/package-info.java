/**
 * The service's side of the BLE gateways (src/docs/ble.md): their latest scan lists and online state, read from
 * the gateways' MQTT topics. No TinyB here: that stays in the gateway process ({@code transport.ble}).
 */
package org.equilibrium.ingest.gateway;
