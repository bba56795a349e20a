package org.equilibrium.device.profile;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.equilibrium.device.BleUuid;

/**
 * How a BLE advertisement is recognised as this model.
 *
 * @param localName          full-match pattern for the advertised local name, or null
 * @param advertisedServices service UUIDs of which the advertisement must carry at least one (when there is
 *                           no name pattern); empty when the model is not recognised by services
 */
public record Recognition(Pattern localName, List<BleUuid> advertisedServices) {

    public static final Recognition NONE = new Recognition(null, List.of());

    public Recognition {
        advertisedServices = List.copyOf(advertisedServices);
    }

    /**
     * How well an advertisement fits: 0 = not this model; 1 = one of the services advertised (no name pattern);
     * 2 = the name pattern matches; 3 = the name matches and a listed service is advertised. A model with a
     * name pattern never matches a device whose name does not fit it: the pattern is what tells a Polar H10
     * from any other Heart Rate Service strap, and a scan response may omit the service list.
     */
    public int score(String name, Collection<BleUuid> advertised) {
        boolean serviceHit = advertisedServices.stream().anyMatch(advertised::contains);
        if (localName != null) {
            if (name == null || !localName.matcher(name).matches()) {
                return 0;
            }
            return serviceHit ? 3 : 2;
        }
        return serviceHit ? 1 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recognition r && advertisedServices.equals(r.advertisedServices)
                && (localName == null ? r.localName == null
                : r.localName != null && localName.pattern().equals(r.localName.pattern()));
    }

    @Override
    public int hashCode() {
        return 31 * (localName == null ? 0 : localName.pattern().hashCode()) + advertisedServices.hashCode();
    }
}
