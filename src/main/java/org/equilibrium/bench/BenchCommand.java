package org.equilibrium.bench;

import java.util.Arrays;

/** {@code ./equilibrium bench WHAT}: benchmarks that print their figures (never timed unit tests). */
public final class BenchCommand {
    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "help" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (what) {
            case "ingest" -> IngestBenchmark.main(rest);
            case "sessions" -> org.equilibrium.session.live.SessionBenchmark.main(rest);
            case "storage" -> org.equilibrium.storage.influx.StorageBenchmark.main(rest);
            case "sim" -> org.equilibrium.sim.cli.SimCli.main(prepend("bench", rest));
            default -> {
                System.out.println("""
                        usage: ./equilibrium bench WHAT [OPTIONS]

                          ingest    MQTT -> service -> InfluxDB end to end vs the broker alone (--devices, --messages)
                          storage   InfluxDB store: direct writes, spooling, replay (--points, --devices)
                          sessions  1,000 live sessions in-process: CPU, heap per session, estimate latency (--sessions, --seconds)
                          sim       simulator load: straps at 1 Hz in one process (see: sim help)
                        """);
                if (!what.equals("help")) {
                    System.exit(2);
                }
            }
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
