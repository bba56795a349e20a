package org.equilibrium.transport.ble;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@code ./equilibrium ble-gateway}, shared by the supervisor and the worker it starts.
 *
 * @param broker       MQTT broker URL, e.g. {@code tcp://127.0.0.1:1883}
 * @param adapter      {@code hciN} (the N-th adapter BlueZ lists) or an adapter address; default {@code hci0}
 * @param prefix       deployment topic prefix ("" for none)
 * @param gatewayId    this gateway's id in topics; default {@code ble-} and the host name
 * @param profilesDir  device profiles (YAML); default {@code device-profiles}
 * @param stateDir     where the worker keeps its links across restarts
 * @param scanPeriodMs how often the scan list is refreshed on MQTT (it is republished only when it changes,
 *                     and at least every 10 periods)
 */
public record GatewayOptions(String broker, String adapter, String prefix, String gatewayId, Path profilesDir,
        Path stateDir, long scanPeriodMs) {

    public static final String USAGE = """
            usage: ./equilibrium ble-gateway --broker URL [options]

            Runs the BLE gateway: scans with BlueZ (through TinyB), reports devices to the service over MQTT,
            connects the devices the service links, and forwards their GATT notifications per the wire contract.
            A supervisor restarts the TinyB worker process if it dies (native crash, BlueZ or bus gone).

              --broker URL         MQTT broker (required), e.g. tcp://127.0.0.1:1883
              --adapter hciN|ADDR  Bluetooth adapter (default hci0: the first BlueZ lists)
              --prefix P           deployment topic prefix before biofeedback/ (default none)
              --gateway-id ID      id in biofeedback/v1/gateway/{ID}/... (default ble-<host name>)
              --profiles DIR       device profiles (default $EQUILIBRIUM_HOME/device-profiles or ./device-profiles)
              --state-dir DIR      where links survive restarts (default $TMPDIR/equilibrium-ble-gateway-{ID})
              --scan-period-ms MS  scan list refresh period (default 2000)

            BlueZ is reached on the D-Bus system bus; DBUS_SYSTEM_BUS_ADDRESS selects another bus (the simulator's
            fake BlueZ: ./equilibrium sim ble SCENARIO prints the address to export).
            """;

    public static GatewayOptions parse(String[] args) {
        String broker = null;
        String adapter = "hci0";
        String prefix = "";
        String id = null;
        Path profiles = null;
        Path state = null;
        long scan = 2000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unexpected " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--broker" -> broker = v;
                case "--adapter" -> adapter = v;
                case "--prefix" -> prefix = v;
                case "--gateway-id" -> id = v;
                case "--profiles" -> profiles = Path.of(v);
                case "--state-dir" -> state = Path.of(v);
                case "--scan-period-ms" -> {
                    try {
                        scan = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--scan-period-ms needs a number, got " + v);
                    }
                    if (scan < 100 || scan > 600_000) {
                        throw new IllegalArgumentException("--scan-period-ms must be 100..600000, got " + v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (broker == null) {
            throw new IllegalArgumentException("--broker is required");
        }
        if (id == null) {
            String host = System.getenv().getOrDefault("HOSTNAME", "");
            if (host.isEmpty()) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.net.UnknownHostException e) {
                    host = "local";
                }
            }
            id = "ble-" + host.replaceAll("[^A-Za-z0-9._-]", "-");
            id = id.length() > 64 ? id.substring(0, 64) : id;
        }
        new GatewayTopics(prefix, id); // validates the id
        if (profiles == null) {
            String home = System.getenv("EQUILIBRIUM_HOME");
            profiles = home != null ? Path.of(home, "device-profiles") : Path.of("device-profiles");
        }
        if (state == null) {
            state = Path.of(System.getProperty("java.io.tmpdir"), "equilibrium-ble-gateway-" + id);
        }
        return new GatewayOptions(broker, adapter, prefix, id, profiles, state, scan);
    }

    /** The same options as arguments, for the worker process. */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>(List.of("--broker", broker, "--adapter", adapter, "--gateway-id", gatewayId,
                "--profiles", profilesDir.toString(), "--state-dir", stateDir.toString(),
                "--scan-period-ms", Long.toString(scanPeriodMs)));
        if (!prefix.isEmpty()) {
            a.add("--prefix");
            a.add(prefix);
        }
        return a;
    }

    public GatewayTopics topics() {
        return new GatewayTopics(prefix, gatewayId);
    }
}
