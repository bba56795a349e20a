package org.equilibrium.decode.gatt;

import org.equilibrium.decode.BatteryReading;
import org.equilibrium.decode.DecodeResult;
import org.equilibrium.decode.PayloadDecoder;
import org.equilibrium.decode.RejectReason;

/**
 * Battery Level characteristic 0x2A19 ({@value #NAME}): one uint8, percent 0–100 (Bluetooth SIG Battery
 * Service 1.0, "Battery Level"; GATT Specification Supplement, "Battery Level"). Values 101–255 are
 * {@link RejectReason#OUT_OF_RANGE}; any length other than one byte is {@link RejectReason#MALFORMED_BINARY}.
 * The timestamp is the arrival time.
 */
public final class BatteryLevelDecoder implements PayloadDecoder {

    public static final String NAME = "ble-battery-2a19";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DecodeResult decode(byte[] payload, long arrivalMs) {
        if (payload == null || payload.length != 1) {
            return DecodeResult.reject(RejectReason.MALFORMED_BINARY, "0x2A19: expected 1 byte, got "
                    + (payload == null ? 0 : payload.length));
        }
        int pct = payload[0] & 0xFF;
        if (pct > 100) {
            return DecodeResult.reject(RejectReason.OUT_OF_RANGE, "0x2A19: battery level " + pct + " > 100 %");
        }
        return DecodeResult.of(new BatteryReading(arrivalMs, pct));
    }
}
