package org.equilibrium.storage;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The storage port. Ingest hands samples over and learns when they are safe.
 *
 * <p>Contract: {@link #append} never blocks on the database. The returned stage completes
 * normally once every sample is durably stored (written to the database, or — once the spool
 * exists — safely spooled to disk for replay); only then may the caller acknowledge the message the
 * samples came from. It completes exceptionally with {@link StoreRefusedException} when the store
 * cannot take them (queue or spool full, shut down); the caller must then not acknowledge, so the
 * broker redelivers. A store never drops a sample it accepted without counting and reporting it.
 */
public interface SampleStore {

    CompletionStage<Void> append(List<Sample> samples);

    /** Raised through the stage when samples are refused; the message must not be acknowledged. */
    final class StoreRefusedException extends RuntimeException {
        public StoreRefusedException(String message) {
            super(message);
        }
    }
}
