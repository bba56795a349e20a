package org.equilibrium.cli;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.device.DeviceId;
import org.equilibrium.session.CareContext;
import org.equilibrium.session.Practice;
import org.equilibrium.session.PracticeType;
import org.equilibrium.session.Session;
import org.equilibrium.session.SessionPlan;
import org.equilibrium.session.SessionReplay;
import org.equilibrium.session.StartedBy;
import org.equilibrium.session.autonomic.AutonomicEstimate;
import org.equilibrium.session.autonomic.AutonomicState;
import org.equilibrium.session.autonomic.EstimatorSettings;
import org.equilibrium.session.export.CsvExport;
import org.equilibrium.session.export.FhirExport;
import org.equilibrium.session.export.JsonExport;
import org.equilibrium.session.export.OmhExport;
import org.equilibrium.session.summary.PhaseSummary;
import org.equilibrium.session.summary.SummarySentences;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./equilibrium session replay FILE [--baseline-s 180] [--practice-s N] [--start-ms EPOCH]
 * [--format summary|series-csv|beats-csv|json|fhir|omh]}: an RR file replayed as a session through the live
 * chain (HRV core → estimator → summary) and printed in one of the export formats. Exit codes: 0 done, 1 bad
 * input data, 2 bad usage.
 */
public final class SessionCommand {
    static final String USAGE = """
            usage: ./equilibrium session replay FILE [--baseline-s 180] [--practice-s N] [--start-ms EPOCH]
                       [--format summary|series-csv|beats-csv|json|fhir|omh]
              FILE: one RR interval in ms per line; lines starting with # are comments.
              The session starts at --start-ms (default 2025-01-01T00:00:00Z) with a baseline of --baseline-s,
              then practice (for --practice-s, then recovery; default: practice to the end).""";
    static final long DEFAULT_START_MS = 1_735_689_600_000L;

    private final PrintStream out;
    private final PrintStream err;

    public SessionCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. Never throws for bad input. */
    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("replay")) {
            err.println("session: unknown subcommand '" + args[0] + "'\n" + USAGE);
            return 2;
        }
        String file = null;
        long baselineS = 180;
        Long practiceS = null;
        long startMs = DEFAULT_START_MS;
        String format = "summary";
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    if (file != null) {
                        throw new IllegalArgumentException("more than one FILE given");
                    }
                    file = a;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--baseline-s" -> baselineS = nonNegative(a, v);
                    case "--practice-s" -> practiceS = nonNegative(a, v);
                    case "--start-ms" -> startMs = nonNegative(a, v);
                    case "--format" -> format = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("FILE is required");
            }
            if (!List.of("summary", "series-csv", "beats-csv", "json", "fhir", "omh").contains(format)) {
                throw new IllegalArgumentException("--format must be summary, series-csv, beats-csv, json, fhir or omh");
            }
            if (practiceS != null && practiceS == 0) {
                throw new IllegalArgumentException("--practice-s must be > 0");
            }
        } catch (IllegalArgumentException e) {
            err.println("session replay: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        double[] rr;
        try {
            rr = HrvCommand.readIntervals(file);
        } catch (HrvCommand.InputError e) {
            err.println("session replay: " + e.getMessage());
            return 1;
        }
        Session start = Session.start("replay", "replay-patient", new StartedBy("replay", StartedBy.Role.THERAPIST),
                Practice.of(PracticeType.FREE), Set.of(), CareContext.CLINIC, new DeviceId("replay-strap"), List.of(),
                new SessionPlan(baselineS * 1000, practiceS == null ? null : practiceS * 1000, null), startMs);
        SessionReplay.Result r;
        try {
            r = SessionReplay.replay(start, rr, new HrvAnalyzer(HrvConfig.DEFAULT), EstimatorSettings.defaults());
        } catch (IllegalArgumentException e) {
            err.println("session replay: " + file + ": " + e.getMessage());
            return 1;
        }
        switch (format) {
            case "series-csv" -> out.print(CsvExport.series(r.estimates()));
            case "beats-csv" -> out.print(CsvExport.beats(r.beats()));
            case "json" -> out.println(JsonExport.session(r.session(), r.summary(), r.estimates()));
            case "fhir" -> out.println(FhirExport.bundle(r.session(), r.summary(), r.session().endedAtMs()));
            case "omh" -> out.println(OmhExport.rrIntervals(r.session().patientId(), r.beats(),
                    r.session().endedAtMs()));
            default -> printSummary(r);
        }
        return 0;
    }

    private void printSummary(SessionReplay.Result r) {
        out.printf(Locale.ROOT, "%-9s %7s %6s %7s %7s %7s %8s  %s%n", "phase", "dur_s", "hr", "rmssd", "pns",
                "sns", "balance", "time in state (s): symp/bal/para/low-quality");
        for (PhaseSummary p : r.summary().phases()) {
            var t = p.stateTimes();
            out.printf(Locale.ROOT, "%-9s %7.0f %6.1f %7.1f %7.2f %7.2f %8.2f  %d/%d/%d/%d%n", p.kind().wireName(),
                    p.durationMs() / 1000.0, p.meanHrBpm(), p.rmssdMs(), p.pnsIndex(), p.snsIndex(), p.balanceZ(),
                    t.sympatheticMs() / 1000, t.balancedMs() / 1000, t.parasympatheticMs() / 1000,
                    t.lowQualityMs() / 1000);
        }
        long ok = r.estimates().stream().filter(AutonomicEstimate::qualityOk).count();
        out.printf(Locale.ROOT, "estimates %d, quality ok %d, labels: %s%n", r.estimates().size(), ok,
                List.of(AutonomicState.SYMPATHETIC, AutonomicState.BALANCED, AutonomicState.PARASYMPATHETIC).stream()
                        .map(s -> s.wireName() + " " + r.estimates().stream().filter(e -> e.state() == s).count())
                        .toList());
        for (var phase : List.of(org.equilibrium.session.PhaseKind.PRACTICE, org.equilibrium.session.PhaseKind.RECOVERY)) {
            SummarySentences.hrvChange(r.summary(), phase, r.session().practice()).ifPresent(out::println);
            SummarySentences.heartRateChange(r.summary(), phase, r.session().practice()).ifPresent(out::println);
        }
    }

    private static long nonNegative(String option, String v) {
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new IllegalArgumentException(option + " must be >= 0");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }
}
