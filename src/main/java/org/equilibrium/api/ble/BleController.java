package org.equilibrium.api.ble;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.equilibrium.api.sessions.Dtos;
import org.equilibrium.api.sessions.SessionViews;
import org.equilibrium.device.pairing.BlePairingService;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.ingest.gateway.GatewayDirectory;
import org.equilibrium.ingest.gateway.GatewayScan;
import org.equilibrium.ingest.gateway.ScanEntry;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.Caller;
import org.equilibrium.people.PatientScope;

/**
 * BLE pairing through the home gateways (src/docs/api.md, src/docs/ble.md). The scan list is shown to every
 * signed-in user like the unpaired devices of {@code /api/devices}, except devices paired to a patient the
 * caller may not see.
 */
@Controller("/api/ble")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING) // pairing waits for the gateway's ack
@Requires(beans = BlePairingService.class)
public class BleController {
    private final GatewayDirectory gateways;
    private final BlePairingService pairing;
    private final DeviceRegistry registry;
    private final AccessPolicy access;
    private final SessionViews views;

    public BleController(GatewayDirectory gateways, BlePairingService pairing, DeviceRegistry registry,
                         AccessPolicy access, SessionViews views) {
        this.gateways = gateways;
        this.pairing = pairing;
        this.registry = registry;
        this.access = access;
        this.views = views;
    }

    @Get("/scan")
    public List<BleScanView> scan(Caller caller) {
        PatientScope scope = access.visiblePatients(caller);
        List<BleScanView> out = new ArrayList<>();
        for (GatewayScan s : gateways.latestScans()) {
            Boolean online = gateways.online(s.gatewayId());
            for (ScanEntry d : s.devices()) {
                Optional<DeviceRecord> known = registry.find(d.deviceId());
                Long patient = known.filter(DeviceRecord::paired).map(r -> Long.valueOf(r.patientId())).orElse(null);
                if (patient != null && !scope.includes(patient)) {
                    continue;
                }
                out.add(new BleScanView(s.gatewayId(), online, d.address(), d.deviceId(), d.name(), d.rssiDbm(),
                        d.services(), d.profileId(), d.kind(), d.linked(), d.connected(), patient, s.scannedMs()));
            }
        }
        return out;
    }

    @Post("/pair")
    public Dtos.DeviceView pair(Caller caller, @Body BlePairRequest body) {
        return views.device(pairing.pair(caller, body.gatewayId(), body.address(), body.patientId()));
    }
}
