package org.equilibrium.api.live;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.Caller;
import org.equilibrium.people.PatientScope;
import org.equilibrium.session.live.SessionService;
import org.reactivestreams.Publisher;

/**
 * Server-Sent Events (src/docs/api.md): a session's live stream and the ward stream of every active session the
 * caller may see. Same bearer token as the rest of the API; an invisible session is 404 before any event.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
public class LiveController {
    private final SessionService sessions;
    private final LiveHub hub;
    private final AccessPolicy access;

    public LiveController(SessionService sessions, LiveHub hub, AccessPolicy access) {
        this.sessions = sessions;
        this.hub = hub;
        this.access = access;
    }

    @Get(value = "/api/sessions/{id}/live", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<?>> session(Caller caller, @PathVariable String id) {
        return hub.session(sessions.get(caller, id));
    }

    @Get(value = "/api/live/ward", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<?>> ward(Caller caller) {
        PatientScope scope = access.visiblePatients(caller);
        return hub.ward(scope::includes, sessions.activeVisible(caller));
    }
}
