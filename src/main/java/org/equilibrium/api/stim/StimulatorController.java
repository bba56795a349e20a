package org.equilibrium.api.stim;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.equilibrium.people.Caller;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.session.stimulation.CommandRequest;
import org.equilibrium.session.stimulation.StimOp;
import org.equilibrium.session.stimulation.StimulatorCommandService;
import org.equilibrium.session.stimulation.wiring.StimulationSettings;

/**
 * Stimulator commands and their audit (src/docs/safety.md). Thin: the service decides.
 * <ul>
 *   <li>{@code POST /api/devices/{id}/stim/commands}: 202 with the decision when published, 422 with the reason when
 *       the envelope refuses, 403 for administrators, 404 for a device the caller may not drive or that does not
 *       exist, 409 for a device that is not a stimulator;</li>
 *   <li>{@code GET /api/devices/{id}/stim/audit?limit=N}: newest N lines, oldest first (therapist of the patient,
 *       the patient, administrators).</li>
 * </ul>
 */
@Controller("/api/devices/{id}/stim")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = StimulatorCommandService.class)
public class StimulatorController {
    private final StimulatorCommandService service;
    private final StimulationSettings settings;

    public StimulatorController(StimulatorCommandService service, StimulationSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @Post("/commands")
    HttpResponse<StimCommandView> command(Caller caller, @PathVariable String id, @Body StimCommandBody body) {
        StimOp op = StimOp.parse(body.op()).orElseThrow(() -> new InvalidInputException("op",
                "must be start, stop or set"));
        StimulatorCommandService.Result r = service.command(caller, id,
                new CommandRequest(op, body.currentUa(), body.frequencyHz(), body.pulseWidthUs()));
        StimCommandView view = new StimCommandView(r.accepted(), r.commandId(), r.reason(), r.wireJson());
        return HttpResponse.status(r.accepted() ? HttpStatus.ACCEPTED : HttpStatus.UNPROCESSABLE_ENTITY).body(view);
    }

    @Get("/audit")
    List<StimAuditView> audit(Caller caller, @PathVariable String id, @Nullable @QueryValue Integer limit) {
        int n = limit == null ? settings.getMaxAuditLines() : limit;
        if (n < 1 || n > settings.getMaxAuditLines()) {
            throw new InvalidInputException("limit", "must be 1-" + settings.getMaxAuditLines());
        }
        return service.audit(caller, id, n).stream().map(StimAuditView::of).toList();
    }
}
