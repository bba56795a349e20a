package org.equilibrium.storage.influx;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.Sample;

/**
 * Child process of {@link StoreCrashTest}: appends heart-rate points one message at a time to a store whose
 * InfluxDB is down, and after each stage completes writes the message's seq to a file, until it is killed.
 * Arguments: influx-url spool-dir acked-file.
 */
public final class CrashingAppender {
    private CrashingAppender() {
    }

    public static void main(String[] args) throws Exception {
        InfluxStoreOptions o = InfluxStoreOptions.defaults(args[0], "crash", Path.of(args[1]))
                .withBatching(500, java.time.Duration.ofMillis(5), 250_000);
        DeviceId device = new DeviceId("crash-1");
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             FileOutputStream acked = new FileOutputStream(args[2], true)) {
            for (long seq = 0; ; seq++) {
                store.append(List.of(new Sample.HeartRate(device, StoreCrashTest.T0 + seq * 10, 60, true, seq),
                        new Sample.RrInterval(device, StoreCrashTest.T0 + seq * 10, 1000.0)))
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
                // Written to the OS at once: a SIGKILL of this process does not lose it.
                acked.write((seq + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
