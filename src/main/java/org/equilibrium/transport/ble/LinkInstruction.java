package org.equilibrium.transport.ble;

import java.util.List;
import org.equilibrium.device.BleUuid;

/**
 * What the service asked the gateway to keep connected: a device, its profile and the characteristics to
 * forward (from the profile unless the instruction names them).
 *
 * @param address         the device
 * @param profileId       its device profile
 * @param characteristics characteristics to subscribe to (notify/indicate) or read once per connection
 */
public record LinkInstruction(BleAddress address, String profileId, List<BleUuid> characteristics) {
    public LinkInstruction {
        characteristics = List.copyOf(characteristics);
    }
}
