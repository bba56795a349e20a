package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.model.Pageable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.equilibrium.session.stimulation.AuditEntry;
import org.equilibrium.session.stimulation.StimAuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in {@code stim_audit}. Appends go through one writer thread, in order, so the command path (and the
 * ingest worker that delivers telemetry and acks) never waits for the database; when its queue (10 000 lines) is
 * full the caller writes itself (slower, never lost). {@link #recent} first waits for lines already queued, so a
 * read after a command sees it.
 */
@Singleton
@Requires(beans = StimAuditRepository.class)
public class JdbcStimAuditLog implements StimAuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStimAuditLog.class);

    private final StimAuditRepository repository;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "stim-audit-writer");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    public JdbcStimAuditLog(StimAuditRepository repository) {
        this.repository = repository;
    }

    @Override
    public void append(AuditEntry entry) {
        writer.execute(() -> {
            try {
                repository.save(StimAuditRow.of(entry));
            } catch (RuntimeException e) {
                LOG.error("Stimulation audit line not written: {}", entry, e);
            }
        });
    }

    @Override
    public List<AuditEntry> recent(String deviceId, int limit) {
        try {
            writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Audit writer did not drain before a read: {}", e.toString());
        }
        List<AuditEntry> out = new ArrayList<>();
        for (StimAuditRow r : repository.findByDeviceIdOrderByIdDesc(deviceId, Pageable.from(0, limit))) {
            out.add(r.toEntry());
        }
        Collections.reverse(out);
        return out;
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
