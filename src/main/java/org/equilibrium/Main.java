package org.equilibrium;

import java.util.Arrays;

/**
 * Entry point of the one jar: dispatches the launcher's subcommands ({@code ./equilibrium CMD ...}).
 * Each subcommand owns its argument parsing and returns a process exit code.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(usage());
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "serve" -> Application.main(rest);
            case "profiles" -> System.exit(org.equilibrium.device.profile.ProfilesCheckCommand.run(rest, System.out,
                    System.err));
            case "hrv" -> System.exit(new org.equilibrium.cli.HrvCommand(System.out, System.err).run(rest));
            case "session" -> System.exit(new org.equilibrium.cli.SessionCommand(System.out, System.err).run(rest));
            case "storage-bench" -> org.equilibrium.storage.influx.StorageBenchmark.main(rest);
            case "bench" -> org.equilibrium.session.live.SessionBenchmark.main(rest);
            case "sim" -> org.equilibrium.sim.cli.SimCli.main(rest);
            default -> {
                System.err.println("equilibrium: unknown command '" + args[0] + "'\n\n" + usage());
                System.exit(2);
            }
        }
    }

    static String usage() {
        return """
                usage: ./equilibrium COMMAND [ARGS]

                commands:
                  serve                 run the service (MQTT ingest, analysis, InfluxDB storage, API)
                  profiles [DIR]        check device profile files (default: device-profiles/) and list them
                  hrv analyze FILE      HRV panel of an RR file (see ./equilibrium hrv --help)
                  session replay FILE   an RR file replayed as a session: states, summary, exports
                  storage-bench         InfluxDB store throughput: direct, spooling, replay [--points N] [--devices D]
                  bench sessions        1,000 live sessions in-process: CPU, heap per session, estimate latency
                  sim                   firmware simulator: sim list | validate | run | bench (see: sim help)
                """;
    }
}
