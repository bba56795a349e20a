package org.equilibrium.storage.influx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of {@link InfluxSampleStore}, immutable, validated on construction. The Micronaut side binds them
 * from {@code equilibrium.influx.*} ({@link InfluxConfiguration}); tests and tools build them directly.
 *
 * @param url                   InfluxDB 1.x HTTP API base URL
 * @param database              database to write to (created when missing)
 * @param username              user, or null for no authentication
 * @param password              password, or null
 * @param retentionPolicy       retention policy to write to, or null for the database's default
 * @param batchSizePoints       points per HTTP write (also the most a replay write carries)
 * @param writeConcurrency      writer lanes, each with one HTTP write in flight; a device always uses the same
 *                              lane, so the points of one series are written in the order they were appended
 * @param flushInterval         longest a point waits for its batch to fill before it is written
 * @param flushIdle             a batch is also written once no point arrived on its lane for this long: acks wait
 *                              on the write, and a sender that has used up its window (the MQTT receive maximum,
 *                              or a broker's own in-flight limit) sends nothing more until they come
 * @param queueMaxPoints        bound of the in-memory queue in front of the writer; beyond it appends are refused
 * @param spoolDir              directory of the on-disk spool
 * @param spoolMaxBytes         bound of the spool; beyond it appends are refused
 * @param spoolSegmentBytes     size at which a spool segment file is closed and a new one started
 * @param spoolAlertFraction    spool fill (0–1) at which the alert is raised (WARN log, health detail)
 * @param connectTimeout        TCP connect timeout of a write
 * @param writeTimeout          read/write timeout of a write; past it the batch is spooled
 * @param retryInitial          first replay back-off after a failed write
 * @param retryMax              longest replay back-off
 * @param pingInterval          how often an idle store checks that InfluxDB answers (for health)
 */
public record InfluxStoreOptions(String url, String database, String username, String password,
                                 String retentionPolicy, int batchSizePoints, int writeConcurrency, Duration flushInterval,
                                 Duration flushIdle, int queueMaxPoints, Path spoolDir, long spoolMaxBytes, long spoolSegmentBytes,
                                 double spoolAlertFraction, Duration connectTimeout, Duration writeTimeout,
                                 Duration retryInitial, Duration retryMax, Duration pingInterval) {

    public static final String DEFAULT_URL = "http://127.0.0.1:8086";
    public static final String DEFAULT_DATABASE = "equilibrium";
    public static final int DEFAULT_BATCH_SIZE_POINTS = 5000;
    public static final int DEFAULT_WRITE_CONCURRENCY = 2;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_FLUSH_IDLE = Duration.ofMillis(2);
    public static final int DEFAULT_QUEUE_MAX_POINTS = 250_000;
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;
    public static final long DEFAULT_SPOOL_SEGMENT_BYTES = 16L << 20;
    public static final double DEFAULT_SPOOL_ALERT_FRACTION = 0.80;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);

    public InfluxStoreOptions {
        require(url != null && (url.startsWith("http://") || url.startsWith("https://")),
                "equilibrium.influx.url must be an http(s) URL but was " + url);
        require(database != null && !database.isBlank(), "equilibrium.influx.database must not be empty");
        username = blankToNull(username);
        password = blankToNull(password);
        retentionPolicy = blankToNull(retentionPolicy);
        require(batchSizePoints >= 1, "equilibrium.influx.batch-size must be >= 1 but was " + batchSizePoints);
        require(writeConcurrency >= 1 && writeConcurrency <= 64,
                "equilibrium.influx.write-concurrency must be 1-64 but was " + writeConcurrency);
        require(positive(flushInterval), "equilibrium.influx.flush-interval must be > 0 but was " + flushInterval);
        require(positive(flushIdle), "equilibrium.influx.flush-idle must be > 0 but was " + flushIdle);
        require(queueMaxPoints >= batchSizePoints, "equilibrium.influx.queue-max-points (" + queueMaxPoints
                + ") must be >= batch-size (" + batchSizePoints + ")");
        require(spoolDir != null, "equilibrium.influx.spool-dir must be set");
        require(spoolMaxBytes >= 1 << 20, "equilibrium.influx.spool-max-bytes must be >= 1 MiB but was " + spoolMaxBytes);
        require(spoolSegmentBytes >= 1024 && spoolSegmentBytes <= spoolMaxBytes,
                "equilibrium.influx.spool-segment-bytes must be between 1 KiB and spool-max-bytes but was "
                        + spoolSegmentBytes);
        require(spoolAlertFraction > 0 && spoolAlertFraction <= 1,
                "equilibrium.influx.spool-alert-percent must be in (0, 100] but was " + spoolAlertFraction * 100);
        require(positive(connectTimeout), "equilibrium.influx.connect-timeout must be > 0");
        require(positive(writeTimeout), "equilibrium.influx.write-timeout must be > 0");
        require(positive(retryInitial) && positive(retryMax) && retryMax.compareTo(retryInitial) >= 0,
                "equilibrium.influx.retry-initial/retry-max must be > 0 with retry-max >= retry-initial");
        require(positive(pingInterval), "equilibrium.influx.ping-interval must be > 0");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Every default, for the given server, database and spool directory. */
    public static InfluxStoreOptions defaults(String url, String database, Path spoolDir) {
        return new InfluxStoreOptions(url, database, null, null, null, DEFAULT_BATCH_SIZE_POINTS,
                DEFAULT_WRITE_CONCURRENCY, DEFAULT_FLUSH_INTERVAL, DEFAULT_FLUSH_IDLE, DEFAULT_QUEUE_MAX_POINTS, spoolDir, DEFAULT_SPOOL_MAX_BYTES,
                DEFAULT_SPOOL_SEGMENT_BYTES, DEFAULT_SPOOL_ALERT_FRACTION, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_WRITE_TIMEOUT, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX, DEFAULT_PING_INTERVAL);
    }

    public InfluxStoreOptions withSpoolMaxBytes(long maxBytes, long segmentBytes) {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSizePoints,
                writeConcurrency, flushInterval, flushIdle, queueMaxPoints, spoolDir, maxBytes, segmentBytes, spoolAlertFraction,
                connectTimeout, writeTimeout, retryInitial, retryMax, pingInterval);
    }

    public InfluxStoreOptions withRetry(Duration initial, Duration max) {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSizePoints,
                writeConcurrency, flushInterval, flushIdle, queueMaxPoints, spoolDir, spoolMaxBytes, spoolSegmentBytes, spoolAlertFraction,
                connectTimeout, writeTimeout, initial, max, pingInterval);
    }

    public InfluxStoreOptions withBatching(int batchSize, Duration flush, int queueMax) {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSize,
                writeConcurrency, flush, flushIdle, queueMax, spoolDir, spoolMaxBytes, spoolSegmentBytes, spoolAlertFraction, connectTimeout,
                writeTimeout, retryInitial, retryMax, pingInterval);
    }

    public InfluxStoreOptions withFlushIdle(Duration idle) {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSizePoints,
                writeConcurrency, flushInterval, idle, queueMaxPoints, spoolDir, spoolMaxBytes, spoolSegmentBytes,
                spoolAlertFraction, connectTimeout, writeTimeout, retryInitial, retryMax, pingInterval);
    }

    public InfluxStoreOptions withWriteConcurrency(int lanes) {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSizePoints, lanes,
                flushInterval, flushIdle, queueMaxPoints, spoolDir, spoolMaxBytes, spoolSegmentBytes, spoolAlertFraction,
                connectTimeout, writeTimeout, retryInitial, retryMax, pingInterval);
    }

    public InfluxStoreOptions withTimeouts(Duration connect, Duration write) {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSizePoints,
                writeConcurrency, flushInterval, flushIdle, queueMaxPoints, spoolDir, spoolMaxBytes, spoolSegmentBytes,
                spoolAlertFraction, connect, write, retryInitial, retryMax, pingInterval);
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "InfluxStoreOptions[url=" + url + ", database=" + database + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", retentionPolicy=" + retentionPolicy
                + ", batchSizePoints=" + batchSizePoints + ", writeConcurrency=" + writeConcurrency + ", flushInterval=" + flushInterval + ", flushIdle=" + flushIdle + ", queueMaxPoints="
                + queueMaxPoints + ", spoolDir=" + spoolDir + ", spoolMaxBytes=" + spoolMaxBytes
                + ", spoolSegmentBytes=" + spoolSegmentBytes + ", spoolAlertFraction=" + spoolAlertFraction
                + ", connectTimeout=" + connectTimeout + ", writeTimeout=" + writeTimeout + ", retryInitial="
                + retryInitial + ", retryMax=" + retryMax + ", pingInterval=" + pingInterval + "]";
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
