package org.equilibrium.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equilibrium.ingest.IngestDispatcher;
import org.equilibrium.ingest.IngestStats;

/** Read-only ingest counters per device. */
@io.micronaut.security.annotation.Secured(org.equilibrium.people.Role.Names.ADMINISTRATOR)
@Controller("/api/ingest/stats")
public class IngestStatsController {
    private final IngestStats stats;
    private final IngestDispatcher dispatcher;

    public IngestStatsController(IngestStats stats, IngestDispatcher dispatcher) {
        this.stats = stats;
        this.dispatcher = dispatcher;
    }

    @Get
    public IngestStatsView stats() {
        Map<String, IngestStatsView.DeviceCounters> devices = new LinkedHashMap<>();
        stats.snapshot().forEach((id, s) -> devices.put(id, IngestStatsView.DeviceCounters.of(s)));
        return new IngestStatsView(devices, IngestStatsView.DeviceCounters.of(stats.invalid().snapshot()),
                dispatcher.queueDepth(), dispatcher.inFlight());
    }
}
