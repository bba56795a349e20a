package org.equilibrium.storage.influx;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code equilibrium.influx.*} settings (documented with their defaults in application.yml). Environment
 * variables override them the usual Micronaut way, e.g. {@code EQUILIBRIUM_INFLUX_URL}, {@code EQUILIBRIUM_INFLUX_DB}.
 */
@ConfigurationProperties(InfluxConfiguration.PREFIX)
public class InfluxConfiguration {

    public static final String PREFIX = "equilibrium.influx";

    private String url = InfluxStoreOptions.DEFAULT_URL;
    private String database = InfluxStoreOptions.DEFAULT_DATABASE;
    private String username;
    private String password;
    private String retentionPolicy;
    private int batchSize = InfluxStoreOptions.DEFAULT_BATCH_SIZE_POINTS;
    private int writeConcurrency = InfluxStoreOptions.DEFAULT_WRITE_CONCURRENCY;
    private Duration flushInterval = InfluxStoreOptions.DEFAULT_FLUSH_INTERVAL;
    private Duration flushIdle = InfluxStoreOptions.DEFAULT_FLUSH_IDLE;
    private int queueMaxPoints = InfluxStoreOptions.DEFAULT_QUEUE_MAX_POINTS;
    private String spoolDir = "./var/spool";
    private long spoolMaxBytes = InfluxStoreOptions.DEFAULT_SPOOL_MAX_BYTES;
    private long spoolSegmentBytes = InfluxStoreOptions.DEFAULT_SPOOL_SEGMENT_BYTES;
    private int spoolAlertPercent = (int) Math.round(InfluxStoreOptions.DEFAULT_SPOOL_ALERT_FRACTION * 100);
    private Duration connectTimeout = InfluxStoreOptions.DEFAULT_CONNECT_TIMEOUT;
    private Duration writeTimeout = InfluxStoreOptions.DEFAULT_WRITE_TIMEOUT;
    private Duration retryInitial = InfluxStoreOptions.DEFAULT_RETRY_INITIAL;
    private Duration retryMax = InfluxStoreOptions.DEFAULT_RETRY_MAX;
    private Duration pingInterval = InfluxStoreOptions.DEFAULT_PING_INTERVAL;

    /** The validated, immutable settings. */
    public InfluxStoreOptions toOptions() {
        return new InfluxStoreOptions(url, database, username, password, retentionPolicy, batchSize, writeConcurrency, flushInterval,
                flushIdle, queueMaxPoints, Path.of(spoolDir), spoolMaxBytes, spoolSegmentBytes, spoolAlertPercent / 100.0,
                connectTimeout, writeTimeout, retryInitial, retryMax, pingInterval);
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRetentionPolicy() {
        return retentionPolicy;
    }

    public void setRetentionPolicy(String retentionPolicy) {
        this.retentionPolicy = retentionPolicy;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getWriteConcurrency() {
        return writeConcurrency;
    }

    public void setWriteConcurrency(int writeConcurrency) {
        this.writeConcurrency = writeConcurrency;
    }

    public Duration getFlushIdle() {
        return flushIdle;
    }

    public void setFlushIdle(Duration flushIdle) {
        this.flushIdle = flushIdle;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public int getQueueMaxPoints() {
        return queueMaxPoints;
    }

    public void setQueueMaxPoints(int queueMaxPoints) {
        this.queueMaxPoints = queueMaxPoints;
    }

    public String getSpoolDir() {
        return spoolDir;
    }

    public void setSpoolDir(String spoolDir) {
        this.spoolDir = spoolDir;
    }

    public long getSpoolMaxBytes() {
        return spoolMaxBytes;
    }

    public void setSpoolMaxBytes(long spoolMaxBytes) {
        this.spoolMaxBytes = spoolMaxBytes;
    }

    public long getSpoolSegmentBytes() {
        return spoolSegmentBytes;
    }

    public void setSpoolSegmentBytes(long spoolSegmentBytes) {
        this.spoolSegmentBytes = spoolSegmentBytes;
    }

    public int getSpoolAlertPercent() {
        return spoolAlertPercent;
    }

    public void setSpoolAlertPercent(int spoolAlertPercent) {
        this.spoolAlertPercent = spoolAlertPercent;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public Duration getRetryInitial() {
        return retryInitial;
    }

    public void setRetryInitial(Duration retryInitial) {
        this.retryInitial = retryInitial;
    }

    public Duration getRetryMax() {
        return retryMax;
    }

    public void setRetryMax(Duration retryMax) {
        this.retryMax = retryMax;
    }

    public Duration getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }
}
