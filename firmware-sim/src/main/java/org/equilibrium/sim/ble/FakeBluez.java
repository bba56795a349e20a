package org.equilibrium.sim.ble;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bluez.Adapter1;
import org.bluez.Device1;
import org.bluez.GattCharacteristic1;
import org.bluez.GattService1;
import org.bluez.datatypes.TwoTuple;
import org.bluez.exceptions.BluezFailedException;
import org.bluez.exceptions.BluezInProgressException;
import org.bluez.exceptions.BluezNotConnectedException;
import org.bluez.exceptions.BluezNotPermittedException;
import org.bluez.exceptions.BluezNotReadyException;
import org.bluez.exceptions.BluezNotSupportedException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake BlueZ: the {@code org.bluez} objects of BlueZ's D-Bus API (doc/org.bluez.Adapter.rst, Device.rst,
 * GattService.rst, GattCharacteristic.rst) on a bus of our choosing, backed by scripted peripherals instead of a
 * radio. What a BlueZ client such as TinyB sees:
 *
 * <ul>
 * <li>{@code /} implements {@code org.freedesktop.DBus.ObjectManager}; every object below is announced with
 * {@code InterfacesAdded} / {@code InterfacesRemoved} and listed by {@code GetManagedObjects};</li>
 * <li>{@code /org/bluez/hci0} is an {@code Adapter1}; {@code StartDiscovery} makes advertising peripherals appear
 * as {@code Device1} objects {@code /org/bluez/hci0/dev_XX_XX_XX_XX_XX_XX} with Name, Alias, RSSI and UUIDs;</li>
 * <li>{@code Device1.Connect} succeeds while the peripheral advertises: Connected turns true, its
 * {@code GattService1} / {@code GattCharacteristic1} objects are added, then ServicesResolved turns true (the
 * order BlueZ uses). A dropped link reverses that: ServicesResolved and Connected false, GATT objects removed;</li>
 * <li>{@code StartNotify} sets Notifying; a notification is a {@code PropertiesChanged} signal carrying the new
 * {@code Value}, which is how BlueZ delivers them; {@code ReadValue} returns the value; every
 * {@code WriteValue} is recorded ({@link #receivedWrites()}) before the peripheral's handler sees it.</li>
 * </ul>
 *
 * <p>Thread-safe: D-Bus calls arrive on dbus-java's threads, peripheral updates on the caller's; one lock guards
 * the object tree, and signals are sent under it so their order matches the state changes.
 */
public final class FakeBluez implements AutoCloseable {
    public static final String BUS_NAME = "org.bluez";
    public static final String ADAPTER_PATH = "/org/bluez/hci0";
    public static final String ADAPTER_ADDRESS = "00:1A:7D:DA:71:13";
    static final String ADAPTER1 = "org.bluez.Adapter1";
    static final String DEVICE1 = "org.bluez.Device1";
    static final String SERVICE1 = "org.bluez.GattService1";
    static final String CHAR1 = "org.bluez.GattCharacteristic1";

    private static final Logger LOG = LoggerFactory.getLogger(FakeBluez.class);

    /** Receives the writes a characteristic accepted; runs on a D-Bus thread and must not block. */
    @FunctionalInterface
    public interface WriteHandler {
        void written(String address, String characteristicUuid, byte[] value);
    }

    private final DBusConnection connection;
    private final Object lock = new Object();
    private final Map<String, BluezObject> managed = new LinkedHashMap<>();
    private final Map<String, Peripheral> peripherals = new LinkedHashMap<>();
    private final List<ReceivedWrite> writes = new CopyOnWriteArrayList<>();
    private final AdapterObject adapter;
    private volatile WriteHandler writeHandler = (a, c, v) -> { };
    private volatile Consumer<ReceivedWrite> writeLog = w -> { };
    private volatile NotificationListener notificationListener = (a, c, v) -> { };
    private boolean closed;

    private FakeBluez(DBusConnection connection) throws DBusException {
        this.connection = connection;
        connection.exportObject("/", new Root());
        this.adapter = new AdapterObject();
        synchronized (lock) {
            add(adapter);
        }
        connection.requestBusName(BUS_NAME);
    }

    /**
     * Connects to the bus at {@code busAddress}, exports the adapter and takes the name {@code org.bluez}.
     *
     * @throws IllegalStateException when the bus cannot be reached or the name is taken
     */
    public static FakeBluez start(String busAddress) {
        try {
            DBusConnection c = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
            return new FakeBluez(c);
        } catch (DBusException e) {
            throw new IllegalStateException("fake BlueZ cannot start on " + busAddress + ": " + e.getMessage(), e);
        }
    }

    public void setWriteHandler(WriteHandler handler) {
        this.writeHandler = handler;
    }

    /** Sees every notification just before it is sent, under the tree lock and in order; must not block. */
    @FunctionalInterface
    public interface NotificationListener {
        void notified(String address, String characteristicUuid, byte[] value);
    }

    public void setNotificationListener(NotificationListener listener) {
        this.notificationListener = listener;
    }

    /** Also hands every received write to {@code log} (e.g. a JSON-lines file), on the D-Bus thread. */
    public void setWriteLog(Consumer<ReceivedWrite> log) {
        this.writeLog = log;
    }

    /** Every write received so far, oldest first. */
    public List<ReceivedWrite> receivedWrites() {
        return List.copyOf(writes);
    }

    /** Starts the received-writes log with an earlier incarnation's writes. */
    public void carryWrites(List<ReceivedWrite> earlier) {
        writes.addAll(0, earlier);
    }

    /** Registers a peripheral (not yet advertising). Replaces none: addresses are unique. */
    public void addPeripheral(GattSpec spec) {
        synchronized (lock) {
            if (peripherals.containsKey(spec.address())) {
                throw new IllegalArgumentException("peripheral " + spec.address() + " exists");
            }
            peripherals.put(spec.address(), new Peripheral(spec));
        }
    }

    /**
     * Starts or stops a peripheral's advertising. Stopping also drops its link (the device went away). While the
     * adapter discovers, a newly advertising peripheral appears as a Device1 object at once.
     */
    public void setAdvertising(String address, boolean on) {
        synchronized (lock) {
            Peripheral p = peripheral(address);
            p.advertising = on;
            if (on && adapter.discovering()) {
                p.discovered();
            }
            if (!on) {
                p.dropLink();
            }
        }
    }

    /** Drops an established link as a radio would (supervision timeout): the peripheral keeps advertising. */
    public boolean dropLink(String address) {
        synchronized (lock) {
            return peripheral(address).dropLink();
        }
    }

    /** True while a client is connected to the peripheral. */
    public boolean connected(String address) {
        synchronized (lock) {
            Peripheral p = peripherals.get(address);
            return p != null && p.device != null && p.device.connected;
        }
    }

    /**
     * Updates a characteristic's value; sent as a notification when connected and notifying.
     *
     * @return true when a notification went out
     */
    public boolean updateValue(String address, String characteristicUuid, byte[] value) {
        synchronized (lock) {
            Peripheral p = peripheral(address);
            String uuid = characteristicUuid.toLowerCase(Locale.ROOT);
            p.values.put(uuid, value.clone());
            if (p.device == null || !p.device.connected) {
                return false;
            }
            CharObject c = p.device.characteristic(uuid);
            if (c == null) {
                return false;
            }
            c.put("Value", new Variant<>(value.clone()));
            if (c.notifying) {
                // Told first, so a listener's clock reading precedes the client's receipt.
                notificationListener.notified(address, uuid, value.clone());
                c.changed(Map.of("Value", new Variant<>(value.clone())));
                return true;
            }
            return false;
        }
    }

    /** Closes the D-Bus connection: to clients, BlueZ vanished. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            connection.releaseBusName(BUS_NAME);
        } catch (DBusException | RuntimeException e) {
            LOG.debug("release {}: {}", BUS_NAME, e.getMessage());
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("close D-Bus connection: {}", e.getMessage());
        }
    }

    private Peripheral peripheral(String address) {
        Peripheral p = peripherals.get(address);
        if (p == null) {
            throw new IllegalArgumentException("no peripheral " + address);
        }
        return p;
    }

    // ---- object tree -------------------------------------------------------------------------------------

    private void add(BluezObject o) {
        if (closed) {
            managed.put(o.path, o); // BlueZ is gone: nothing to export, nobody to tell
            return;
        }
        try {
            connection.exportObject(o.path, o);
        } catch (DBusException e) {
            throw new IllegalStateException("cannot export " + o.path + ": " + e.getMessage(), e);
        }
        managed.put(o.path, o);
        send(() -> new ObjectManager.InterfacesAdded("/", new DBusPath(o.path), o.snapshot()));
    }

    private void remove(BluezObject o) {
        managed.remove(o.path);
        if (closed) {
            return;
        }
        connection.unExportObject(o.path);
        send(() -> new ObjectManager.InterfacesRemoved("/", new DBusPath(o.path), List.of(o.iface)));
    }

    @FunctionalInterface
    private interface SignalFactory {
        DBusSignal make() throws DBusException;
    }

    private void send(SignalFactory f) {
        if (closed) {
            return;
        }
        try {
            connection.sendMessage(f.make());
        } catch (DBusException | RuntimeException e) {
            LOG.warn("fake BlueZ could not send a signal: {}", e.getMessage());
        }
    }

    /** ObjectManager at {@code /}. */
    private final class Root implements ObjectManager {
        @Override
        public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
            synchronized (lock) {
                Map<DBusPath, Map<String, Map<String, Variant<?>>>> out = new LinkedHashMap<>();
                for (BluezObject o : managed.values()) {
                    out.put(new DBusPath(o.path), o.snapshot());
                }
                return out;
            }
        }

        @Override
        public String getObjectPath() {
            return "/";
        }
    }

    /** One object with one BlueZ interface and its properties. */
    private abstract class BluezObject implements Properties {
        final String path;
        final String iface;
        private final Map<String, Variant<?>> props = new LinkedHashMap<>();

        BluezObject(String path, String iface) {
            this.path = path;
            this.iface = iface;
        }

        void put(String name, Variant<?> value) {
            props.put(name, value);
        }

        /** Sets properties and signals the change. */
        void changed(Map<String, Variant<?>> values) {
            props.putAll(values);
            if (managed.containsKey(path)) {
                send(() -> new Properties.PropertiesChanged(path, iface, values, List.of()));
            }
        }

        Map<String, Map<String, Variant<?>>> snapshot() {
            Map<String, Map<String, Variant<?>>> m = new LinkedHashMap<>();
            m.put(iface, new LinkedHashMap<>(props));
            return m;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String interfaceName, String propertyName) {
            synchronized (lock) {
                Variant<?> v = interfaceName.equals(iface) ? props.get(propertyName) : null;
                if (v == null) {
                    throw new DBusExecutionException("No such property " + interfaceName + "." + propertyName);
                }
                return (A) v;
            }
        }

        @Override
        public <A> void Set(String interfaceName, String propertyName, A value) {
            throw new DBusExecutionException("Property " + propertyName + " is read-only in the fake BlueZ");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String interfaceName) {
            synchronized (lock) {
                return interfaceName.equals(iface) ? new LinkedHashMap<>(props) : Map.of();
            }
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }

    private final class AdapterObject extends BluezObject implements Adapter1 {
        AdapterObject() {
            super(ADAPTER_PATH, ADAPTER1);
            put("Address", new Variant<>(ADAPTER_ADDRESS));
            put("AddressType", new Variant<>("public"));
            put("Name", new Variant<>("equilibrium-sim"));
            put("Alias", new Variant<>("equilibrium-sim"));
            put("Class", new Variant<>(new UInt32(0)));
            put("Powered", new Variant<>(true));
            put("Discoverable", new Variant<>(false));
            put("DiscoverableTimeout", new Variant<>(new UInt32(180)));
            put("Pairable", new Variant<>(true));
            put("PairableTimeout", new Variant<>(new UInt32(0)));
            put("Discovering", new Variant<>(false));
            put("UUIDs", new Variant<>(new String[0]));
            put("Modalias", new Variant<>("usb:v1D6Bp0246d0540"));
        }

        boolean discovering() {
            return Boolean.TRUE.equals(GetAll(ADAPTER1).get("Discovering").getValue());
        }

        @Override
        public void StartDiscovery() throws BluezNotReadyException, BluezFailedException, BluezInProgressException {
            synchronized (lock) {
                if (!discovering()) {
                    changed(Map.of("Discovering", new Variant<>(true)));
                }
                for (Peripheral p : peripherals.values()) {
                    if (p.advertising) {
                        p.discovered();
                    }
                }
            }
        }

        @Override
        public void StopDiscovery() {
            synchronized (lock) {
                if (discovering()) {
                    changed(Map.of("Discovering", new Variant<>(false)));
                }
            }
        }

        @Override
        public void RemoveDevice(DBusPath device) {
            synchronized (lock) {
                for (Peripheral p : peripherals.values()) {
                    if (p.device != null && p.device.path.equals(device.getPath())) {
                        p.dropLink();
                        remove(p.device);
                        p.device = null;
                        return;
                    }
                }
            }
            throw new DBusExecutionException("Does Not Exist");
        }

        @Override
        public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
            // Every fake peripheral is LE; filters narrow nothing here.
        }

        @Override
        public String[] GetDiscoveryFilters() {
            return new String[] {"UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData"};
        }

        @Override
        public DBusPath ConnectDevice(Map<String, Variant<?>> properties) throws BluezFailedException {
            throw new BluezFailedException("ConnectDevice is not supported by the fake BlueZ");
        }
    }

    /** A peripheral's state: advertising, its Device1 object (once discovered) and its characteristic values. */
    private final class Peripheral {
        final GattSpec spec;
        boolean advertising;
        DeviceObject device;
        final Map<String, byte[]> values = new LinkedHashMap<>();

        Peripheral(GattSpec spec) {
            this.spec = spec;
            for (GattSpec.Service s : spec.services()) {
                for (GattSpec.Characteristic c : s.characteristics()) {
                    values.put(c.uuid(), c.initialValue());
                }
            }
        }

        void discovered() {
            if (device == null) {
                device = new DeviceObject(this);
                add(device);
            } else {
                device.changed(Map.of("RSSI", new Variant<>(spec.rssiDbm())));
            }
        }

        boolean dropLink() {
            if (device == null || !device.connected) {
                return false;
            }
            device.disconnectLink();
            return true;
        }
    }

    private final class DeviceObject extends BluezObject implements Device1 {
        final Peripheral peripheral;
        boolean connected;
        final List<BluezObject> gatt = new ArrayList<>();

        DeviceObject(Peripheral p) {
            super(ADAPTER_PATH + "/dev_" + p.spec.address().replace(':', '_'), DEVICE1);
            this.peripheral = p;
            GattSpec s = p.spec;
            put("Address", new Variant<>(s.address()));
            put("AddressType", new Variant<>("random"));
            put("Name", new Variant<>(s.name()));
            put("Alias", new Variant<>(s.name()));
            put("Class", new Variant<>(new UInt32(0)));
            put("Appearance", new Variant<>(new UInt16(0)));
            put("Icon", new Variant<>(""));
            put("Paired", new Variant<>(false));
            put("Trusted", new Variant<>(false));
            put("Blocked", new Variant<>(false));
            put("LegacyPairing", new Variant<>(false));
            put("RSSI", new Variant<>(s.rssiDbm()));
            put("TxPower", new Variant<>((short) 0));
            put("Connected", new Variant<>(false));
            put("UUIDs", new Variant<>(s.advertisedUuids().toArray(new String[0])));
            put("Modalias", new Variant<>(""));
            put("Adapter", new Variant<>(new DBusPath(ADAPTER_PATH)));
            put("ManufacturerData", new Variant<>(new LinkedHashMap<UInt16, Variant<?>>(), "a{qv}"));
            put("ServiceData", new Variant<>(new LinkedHashMap<String, Variant<?>>(), "a{sv}"));
            put("ServicesResolved", new Variant<>(false));
        }

        CharObject characteristic(String uuid) {
            for (BluezObject o : gatt) {
                if (o instanceof CharObject c && c.uuid.equals(uuid)) {
                    return c;
                }
            }
            return null;
        }

        @Override
        public void Connect() throws BluezFailedException {
            synchronized (lock) {
                if (connected) {
                    return;
                }
                if (!peripheral.advertising) {
                    // What BlueZ answers when the LE connection attempt times out.
                    throw new BluezFailedException("le-connection-abort-by-local");
                }
                connected = true;
                changed(Map.of("Connected", new Variant<>(true)));
                int handle = 0x0010;
                for (GattSpec.Service s : peripheral.spec.services()) {
                    String sp = path + String.format("/service%04x", handle);
                    ServiceObject so = new ServiceObject(sp, s.uuid(), path);
                    handle++;
                    List<DBusPath> chars = new ArrayList<>();
                    List<CharObject> cos = new ArrayList<>();
                    for (GattSpec.Characteristic c : s.characteristics()) {
                        String cp = sp + String.format("/char%04x", handle);
                        handle += 2;
                        chars.add(new DBusPath(cp));
                        cos.add(new CharObject(cp, c, sp, peripheral));
                    }
                    so.put("Characteristics", new Variant<>(chars, "ao"));
                    add(so);
                    gatt.add(so);
                    for (CharObject co : cos) {
                        add(co);
                        gatt.add(co);
                    }
                    handle = (handle + 0x0f) & ~0x0f;
                }
                changed(Map.of("ServicesResolved", new Variant<>(true)));
            }
        }

        void disconnectLink() {
            connected = false;
            changed(Map.of("ServicesResolved", new Variant<>(false)));
            for (int i = gatt.size() - 1; i >= 0; i--) {
                remove(gatt.get(i));
            }
            gatt.clear();
            changed(Map.of("Connected", new Variant<>(false)));
        }

        @Override
        public void Disconnect() throws BluezNotConnectedException {
            synchronized (lock) {
                if (connected) {
                    disconnectLink();
                }
            }
        }

        @Override
        public void ConnectProfile(String uuid) throws BluezFailedException {
            throw new BluezFailedException("ConnectProfile is not supported by the fake BlueZ");
        }

        @Override
        public void DisconnectProfile(String uuid) throws BluezFailedException {
            throw new BluezFailedException("DisconnectProfile is not supported by the fake BlueZ");
        }

        @Override
        public void Pair() throws BluezFailedException {
            // LE straps pair "just works"; the fake only records it.
            synchronized (lock) {
                changed(Map.of("Paired", new Variant<>(true)));
            }
        }

        @Override
        public void CancelPairing() {
        }
    }

    private final class ServiceObject extends BluezObject implements GattService1 {
        ServiceObject(String path, String uuid, String devicePath) {
            super(path, SERVICE1);
            put("UUID", new Variant<>(uuid));
            put("Device", new Variant<>(new DBusPath(devicePath)));
            put("Primary", new Variant<>(true));
        }
    }

    private final class CharObject extends BluezObject implements GattCharacteristic1 {
        final String uuid;
        final GattSpec.Characteristic spec;
        final Peripheral peripheral;
        boolean notifying;

        CharObject(String path, GattSpec.Characteristic spec, String servicePath, Peripheral peripheral) {
            super(path, CHAR1);
            this.uuid = spec.uuid();
            this.spec = spec;
            this.peripheral = peripheral;
            put("UUID", new Variant<>(uuid));
            put("Service", new Variant<>(new DBusPath(servicePath)));
            put("Value", new Variant<>(peripheral.values.get(uuid).clone()));
            put("Notifying", new Variant<>(false));
            put("Flags", new Variant<>(spec.flags().toArray(new String[0])));
            put("Descriptors", new Variant<>(List.of(), "ao"));
        }

        private boolean can(String flag) {
            return spec.flags().contains(flag);
        }

        @Override
        public byte[] ReadValue(Map<String, Variant<?>> options) throws BluezNotPermittedException {
            synchronized (lock) {
                if (!can("read")) {
                    throw new BluezNotPermittedException("Read not permitted");
                }
                return peripheral.values.get(uuid).clone();
            }
        }

        @Override
        public void WriteValue(byte[] value, Map<String, Variant<?>> options) throws BluezNotPermittedException {
            synchronized (lock) {
                if (!can("write") && !can("write-without-response")) {
                    throw new BluezNotPermittedException("Write not permitted");
                }
            }
            ReceivedWrite w = new ReceivedWrite(System.currentTimeMillis(), peripheral.spec.address(), uuid, value);
            writes.add(w);
            writeLog.accept(w);
            writeHandler.written(peripheral.spec.address(), uuid, value.clone());
        }

        @Override
        public TwoTuple<FileDescriptor, UInt16> AcquireWrite(Map<String, Variant<?>> options)
                throws BluezNotSupportedException {
            throw new BluezNotSupportedException("AcquireWrite is not supported by the fake BlueZ");
        }

        @Override
        public TwoTuple<FileDescriptor, UInt16> AcquireNotify(Map<String, Variant<?>> options)
                throws BluezNotSupportedException {
            throw new BluezNotSupportedException("AcquireNotify is not supported by the fake BlueZ");
        }

        @Override
        public void StartNotify() throws BluezNotSupportedException {
            synchronized (lock) {
                if (!can("notify") && !can("indicate")) {
                    throw new BluezNotSupportedException("Notify not supported");
                }
                if (!notifying) {
                    notifying = true;
                    changed(Map.of("Notifying", new Variant<>(true)));
                }
            }
        }

        @Override
        public void StopNotify() {
            synchronized (lock) {
                if (notifying) {
                    notifying = false;
                    changed(Map.of("Notifying", new Variant<>(false)));
                }
            }
        }

        @Override
        public void Confirm() {
        }
    }
}
