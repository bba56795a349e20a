package org.equilibrium.storage.influx;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/** Creates influxdb-java clients with our timeouts (the library's defaults wait 10 s per call). */
final class InfluxClients {
    private InfluxClients() {
    }

    static InfluxDB connect(InfluxStoreOptions o) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(o.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(o.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(o.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        InfluxDB influx = o.username() == null
                ? InfluxDBFactory.connect(o.url(), http)
                : InfluxDBFactory.connect(o.url(), o.username(), o.password() == null ? "" : o.password(), http);
        influx.setLogLevel(InfluxDB.LogLevel.NONE);
        return influx;
    }

    /** InfluxQL identifier in double quotes (InfluxQL spec: identifiers). */
    static String identifier(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** InfluxQL string literal in single quotes. */
    static String literal(String value) {
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }
}
