package org.equilibrium.sim.ble;

import java.util.HexFormat;

/**
 * One {@code WriteValue} a fake characteristic received, whatever the peripheral then did with it.
 *
 * @param atEpochMs    wall time of the write
 * @param address      the peripheral's address
 * @param characteristicUuid 128-bit lower-case UUID
 * @param value        the bytes written
 */
public record ReceivedWrite(long atEpochMs, String address, String characteristicUuid, byte[] value) {
    public ReceivedWrite {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** One JSON line for the received-writes log file. */
    public String toJsonLine() {
        return "{\"ts\":" + atEpochMs + ",\"address\":\"" + address + "\",\"characteristic\":\"" + characteristicUuid
                + "\",\"value_hex\":\"" + HexFormat.of().formatHex(value) + "\"}";
    }
}
