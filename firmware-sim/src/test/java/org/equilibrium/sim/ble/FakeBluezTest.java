package org.equilibrium.sim.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bluez.Adapter1;
import org.bluez.Device1;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake BlueZ seen from a plain D-Bus client (dbus-java), the way BlueZ's API documents it. */
@SuppressWarnings("unchecked")
class FakeBluezTest {
    private static final String ADDRESS = "C0:FF:EE:12:34:56";
    private static final String DEV = FakeBluez.ADAPTER_PATH + "/dev_C0_FF_EE_12_34_56";
    private static final String HRM = GattSpec.sig("2a37");
    private static final String CMD = "e9b10002-7c1a-4d5e-9f3b-5e7175696c69";

    @TempDir
    Path dir;
    private PrivateBus bus;
    private FakeBluez bluez;
    private DBusConnection client;

    @BeforeEach
    void start() throws Exception {
        bus = PrivateBus.start(dir.resolve("bus"));
        bluez = FakeBluez.start(bus.address());
        bluez.addPeripheral(new GattSpec(ADDRESS, "Polar H10 1A2B3C4D", (short) -60, List.of(GattSpec.sig("180d")),
                List.of(new GattSpec.Service(GattSpec.sig("180d"), List.of(
                        new GattSpec.Characteristic(HRM, List.of("notify"), new byte[0]),
                        new GattSpec.Characteristic(CMD, List.of("write"), new byte[0]))))));
        client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        bluez.close();
        bus.close();
    }

    private Map<String, Variant<?>> props(String path, String iface) throws Exception {
        return client.getRemoteObject(FakeBluez.BUS_NAME, path, Properties.class).GetAll(iface);
    }

    @Test
    void anAdvertisingPeripheralAppearsOnlyWhileDiscovering() throws Exception {
        ObjectManager om = client.getRemoteObject(FakeBluez.BUS_NAME, "/", ObjectManager.class);
        bluez.setAdvertising(ADDRESS, true);
        assertThat(om.GetManagedObjects().keySet()).extracting(DBusPath::getPath)
                .containsExactly(FakeBluez.ADAPTER_PATH);
        client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class).StartDiscovery();
        Map<String, Variant<?>> device = om.GetManagedObjects().get(new DBusPath(DEV)).get("org.bluez.Device1");
        assertThat(device.get("Name").getValue()).isEqualTo("Polar H10 1A2B3C4D");
        assertThat(device.get("RSSI").getValue()).isEqualTo((short) -60);
        // dbus-java hands arrays inside variants to clients as lists
        assertThat((List<Object>) device.get("UUIDs").getValue()).containsExactly(GattSpec.sig("180d"));
        assertThat(props(FakeBluez.ADAPTER_PATH, "org.bluez.Adapter1").get("Discovering").getValue())
                .isEqualTo(true);
    }

    @Test
    void connectResolvesServicesAndNotificationsArriveAsPropertiesChanged() throws Exception {
        LinkedBlockingQueue<Properties.PropertiesChanged> changes = new LinkedBlockingQueue<>();
        client.addSigHandler(Properties.PropertiesChanged.class, changes::add);
        bluez.setAdvertising(ADDRESS, true);
        client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class).StartDiscovery();
        client.getRemoteObject(FakeBluez.BUS_NAME, DEV, Device1.class).Connect();
        assertThat(props(DEV, "org.bluez.Device1").get("ServicesResolved").getValue()).isEqualTo(true);
        String charPath = DEV + "/service0010/char0011";
        assertThat(props(charPath, "org.bluez.GattCharacteristic1").get("UUID").getValue()).isEqualTo(HRM);

        client.getRemoteObject(FakeBluez.BUS_NAME, charPath, GattCharacteristic1.class).StartNotify();
        changes.clear();
        assertThat(bluez.updateValue(ADDRESS, HRM, new byte[] {0x10, 60, 0x00, 0x04})).isTrue();
        // StartNotify's own "Notifying" change may arrive after clear(): wait for the one carrying Value.
        Properties.PropertiesChanged c = changes.poll(5, TimeUnit.SECONDS);
        while (c != null && !c.getPropertiesChanged().containsKey("Value")) {
            c = changes.poll(5, TimeUnit.SECONDS);
        }
        assertThat(c).as("a PropertiesChanged carrying Value").isNotNull();
        assertThat(c.getPath()).isEqualTo(charPath);
        assertThat(c.getInterfaceName()).isEqualTo("org.bluez.GattCharacteristic1");
        assertThat((List<Object>) c.getPropertiesChanged().get("Value").getValue())
                .containsExactly((byte) 0x10, (byte) 60, (byte) 0x00, (byte) 0x04);
    }

    @Test
    void writesAreLoggedAndADroppedLinkRemovesTheGattObjects() throws Exception {
        bluez.setAdvertising(ADDRESS, true);
        client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class).StartDiscovery();
        client.getRemoteObject(FakeBluez.BUS_NAME, DEV, Device1.class).Connect();
        String cmdPath = DEV + "/service0010/char0013";
        client.getRemoteObject(FakeBluez.BUS_NAME, cmdPath, GattCharacteristic1.class)
                .WriteValue(new byte[] {1, 2, 3}, Map.of());
        assertThat(bluez.receivedWrites()).singleElement().satisfies(w -> {
            assertThat(w.address()).isEqualTo(ADDRESS);
            assertThat(w.characteristicUuid()).isEqualTo(CMD);
            assertThat(w.value()).containsExactly(1, 2, 3);
        });
        assertThatThrownBy(() -> client.getRemoteObject(FakeBluez.BUS_NAME, DEV + "/service0010/char0011",
                GattCharacteristic1.class).ReadValue(Map.of())).isInstanceOf(DBusExecutionException.class);

        assertThat(bluez.dropLink(ADDRESS)).isTrue();
        ObjectManager om = client.getRemoteObject(FakeBluez.BUS_NAME, "/", ObjectManager.class);
        assertThat(om.GetManagedObjects().keySet()).extracting(DBusPath::getPath)
                .containsExactly(FakeBluez.ADAPTER_PATH, DEV);
        assertThat(props(DEV, "org.bluez.Device1").get("Connected").getValue()).isEqualTo(false);
    }

    @Test
    void connectingToAPeripheralThatStoppedAdvertisingFailsLikeBlueZ() throws Exception {
        bluez.setAdvertising(ADDRESS, true);
        client.getRemoteObject(FakeBluez.BUS_NAME, FakeBluez.ADAPTER_PATH, Adapter1.class).StartDiscovery();
        bluez.setAdvertising(ADDRESS, false);
        assertThatThrownBy(() -> client.getRemoteObject(FakeBluez.BUS_NAME, DEV, Device1.class).Connect())
                .hasMessageContaining("le-connection-abort-by-local");
    }
}
