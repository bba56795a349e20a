package org.equilibrium.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.equilibrium.api.sessions.Dtos;
import org.equilibrium.api.sessions.SessionViews;
import org.equilibrium.device.pairing.PairingService;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.Caller;
import org.equilibrium.people.NotFoundException;
import org.equilibrium.people.PatientScope;

/**
 * Devices and pairing (src/docs/api.md). Unpaired devices are listed to every signed-in user, never with their
 * claim code; a paired device only to those who may read its patient (others get 404 as for no device).
 */
@Controller("/api/devices")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class DevicesController {
    private final DeviceRegistry registry;
    private final PairingService pairing;
    private final AccessPolicy access;
    private final SessionViews views;

    public DevicesController(DeviceRegistry registry, PairingService pairing, AccessPolicy access, SessionViews views) {
        this.registry = registry;
        this.pairing = pairing;
        this.access = access;
        this.views = views;
    }

    @Get
    public List<Dtos.DeviceView> list(Caller caller, @Nullable @QueryValue Boolean unpaired) {
        PatientScope scope = access.visiblePatients(caller);
        return registry.list().stream()
                .filter(d -> unpaired == null || unpaired != d.paired())
                .filter(d -> !d.paired() || scope.includes(Long.parseLong(d.patientId())))
                .map(views::device).toList();
    }

    @Get("/{id}")
    public Dtos.DeviceView get(Caller caller, @PathVariable String id) {
        return views.device(visible(caller, id));
    }

    @Post("/{id}/claim")
    public Dtos.DeviceView claim(Caller caller, @PathVariable String id, @Body Dtos.ClaimRequest body) {
        return views.device(pairing.claim(caller, id, body.claimCode(), body.patientId(), body.displayName()));
    }

    @Delete("/{id}/pairing")
    public HttpResponse<Void> unpair(Caller caller, @PathVariable String id) {
        pairing.unpair(caller, id);
        return HttpResponse.noContent();
    }

    /** Who had the device when; only for a device the caller may currently see. */
    @Get("/{id}/pairings")
    public List<Dtos.PairingPeriodView> pairings(Caller caller, @PathVariable String id) {
        visible(caller, id);
        PatientScope scope = access.visiblePatients(caller);
        return pairing.history(id).stream().filter(p -> scope.includes(p.patientId()))
                .map(p -> new Dtos.PairingPeriodView(p.deviceId(), p.patientId(), p.fromMs(), p.toMs())).toList();
    }

    private DeviceRecord visible(Caller caller, String id) {
        DeviceRecord d = registry.find(id).orElseThrow(() -> new NotFoundException("no device " + id));
        if (d.paired() && !access.canReadPatient(caller, Long.parseLong(d.patientId()))) {
            throw new NotFoundException("no device " + id);
        }
        return d;
    }
}
