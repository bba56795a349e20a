package org.equilibrium.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import org.equilibrium.device.registry.DeviceRegistry;

/** Read-only registry view, unpaired devices included. */
@Controller("/api/devices")
public class DevicesController {
    private final DeviceRegistry registry;

    public DevicesController(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Get
    public List<DeviceView> list() {
        return registry.list().stream().map(DeviceView::of).toList();
    }
}
