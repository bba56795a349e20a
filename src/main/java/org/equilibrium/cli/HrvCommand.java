package org.equilibrium.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.artefacts.ArtefactCorrector;
import org.equilibrium.analysis.artefacts.ArtefactCounts;
import org.equilibrium.analysis.frequency.FrequencyDomain;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.rr.RrWindow;
import org.equilibrium.analysis.time.TimeDomain;

/**
 * {@code ./equilibrium hrv analyze FILE [--window-s 300] [--start-s 0] [--correction none|auto|threshold-medium]
 * [--method welch|lomb] [--format json|text]}: the HRV panel of one window of an RR file (one interval in ms
 * per line, {@code #} lines are comments). Exit codes: 0 analysed, 1 bad input data, 2 bad usage.
 */
public final class HrvCommand {
    static final String USAGE = """
            usage: ./equilibrium hrv analyze FILE [--window-s 300] [--start-s 0]
                       [--correction none|auto|threshold-very-low|-low|-medium|-strong|-very-strong]
                       [--method welch|lomb] [--format json|text]
              FILE: one RR interval in ms per line; lines starting with # are comments.
              The window holds the intervals whose end time t (from the start of the file) satisfies
              start < t <= start + window.""";

    private final PrintStream out;
    private final PrintStream err;

    public HrvCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the process exit code. Never throws for bad input. */
    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("analyze")) {
            err.println("hrv: unknown subcommand '" + args[0] + "'\n" + USAGE);
            return 2;
        }
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("hrv analyze: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        double[] rr;
        try {
            rr = readIntervals(o.file);
        } catch (InputError e) {
            err.println("hrv analyze: " + e.getMessage());
            return 1;
        }
        RrSeries series = RrSeries.fromIntervals(rr);
        double fileEndMs = series.beatEndMs()[series.size() - 1];
        double startMs = o.startS * 1000;
        RrWindow window = series.window(startMs, startMs + o.windowS * 1000);
        if (window.beats().size() == 0) {
            err.printf(Locale.ROOT, "hrv analyze: no beats in the window (%.0f s, %.0f s]; %s lasts %.1f s%n",
                    o.startS, o.startS + o.windowS, o.file, fileEndMs / 1000);
            return 1;
        }
        HrvConfig config = HrvConfig.DEFAULT.withCorrector(o.corrector).withMethod(o.method);
        HrvPanel panel = new HrvAnalyzer(config).analyze(window);
        for (String note : panel.notes()) {
            err.println("note: " + note);
        }
        out.println(o.json ? json(panel, o) : text(panel, o));
        return 0;
    }

    static double[] readIntervals(String file) throws InputError {
        Path path = Path.of(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputError("no such file: " + file);
        } catch (MalformedInputException e) {
            throw new InputError(file + " is not a UTF-8 text file");
        } catch (IOException e) {
            throw new InputError("cannot read " + file + ": " + e.getMessage());
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                throw new InputError(file + " line " + (i + 1) + ": '" + abbreviate(line) + "' is not a number (expected one RR interval in ms per line)");
            }
            if (!Double.isFinite(v) || v <= 0) {
                throw new InputError(file + " line " + (i + 1) + ": " + line + " is not a positive RR interval in ms");
            }
            values.add(v);
        }
        if (values.isEmpty()) {
            throw new InputError(file + " holds no RR intervals");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    static String json(HrvPanel p, Options o) {
        TimeDomain t = p.time();
        FrequencyDomain f = p.frequency();
        ArtefactCounts a = p.artefacts();
        JsonWriter counts = new JsonWriter("")
                .number("ectopic", a.ectopic()).number("missed", a.missed()).number("extra", a.extra())
                .number("long_short", a.longShort()).number("threshold", a.threshold());
        return new JsonWriter("  ")
                .string("file", o.file)
                .number("window_start_s", o.startS)
                .number("window_s", o.windowS)
                .string("correction", o.correction)
                .string("method", o.method.name().toLowerCase(Locale.ROOT))
                .number("beats", p.beats())
                .number("nn_intervals", p.nnIntervals())
                .number("duration_s", p.durationS())
                .number("coverage", p.coverage())
                .number("corrected_beats", p.correctedBeats())
                .object("artefacts", counts)
                .number("irregular_pct", p.irregularPct())
                .number("mean_nn_ms", t == null ? null : t.meanNnMs())
                .number("sdnn_ms", t == null ? null : t.sdnnMs())
                .number("rmssd_ms", t == null ? null : t.rmssdMs())
                .number("sdsd_ms", t == null ? null : t.sdsdMs())
                .number("pnn50_pct", t == null ? null : t.pnn50Pct())
                .number("pnn20_pct", t == null ? null : t.pnn20Pct())
                .number("mean_hr_bpm", t == null ? null : t.meanHrBpm())
                .number("min_nn_ms", t == null ? null : t.minNnMs())
                .number("max_nn_ms", t == null ? null : t.maxNnMs())
                .number("vlf_ms2", f == null ? null : f.vlfMs2())
                .number("lf_ms2", f == null ? null : f.lfMs2())
                .number("hf_ms2", f == null ? null : f.hfMs2())
                .number("total_power_ms2", f == null ? null : f.totalPowerMs2())
                .number("lf_hf", f == null ? null : f.lfHf())
                .number("lf_nu", f == null ? null : f.lfNu())
                .number("hf_nu", f == null ? null : f.hfNu())
                .number("lf_peak_hz", f == null ? null : f.lfPeakHz())
                .number("hf_peak_hz", f == null ? null : f.hfPeakHz())
                .number("resp_rate_bpm", f == null ? null : f.respRateBpm())
                .number("sd1_ms", p.poincare() == null ? null : p.poincare().sd1Ms())
                .number("sd2_ms", p.poincare() == null ? null : p.poincare().sd2Ms())
                .number("sd1_sd2", p.poincare() == null ? null : p.poincare().sd1Sd2())
                .number("dfa_alpha1", p.dfaAlpha1())
                .number("dfa_alpha2", p.dfaAlpha2())
                .number("baevsky_si", p.baevsky() == null ? null : p.baevsky().si())
                .number("stress_index", p.baevsky() == null ? null : p.baevsky().sqrtSi())
                .number("pns_index", p.autonomic() == null ? null : p.autonomic().pnsIndex())
                .number("sns_index", p.autonomic() == null ? null : p.autonomic().snsIndex())
                .number("coherence", p.coherence())
                .string("quality", p.quality().label())
                .strings("notes", p.notes())
                .toString();
    }

    static String text(HrvPanel p, Options o) {
        TimeDomain t = p.time();
        FrequencyDomain f = p.frequency();
        ArtefactCounts a = p.artefacts();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s  window (%s s, %s s]  correction %s  method %s%n", o.file,
                JsonWriter.format(o.startS), JsonWriter.format(o.startS + o.windowS), o.correction,
                o.method.name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "quality      %s  (coverage %.1f %%, %d of %d intervals corrected: ectopic %d, missed %d, extra %d, long/short %d, threshold %d; %.1f %% irregular)%n",
                p.quality().label(), 100 * p.coverage(), p.correctedBeats(), p.beats(), a.ectopic(), a.missed(),
                a.extra(), a.longShort(), a.threshold(), p.irregularPct()));
        sb.append(String.format(Locale.ROOT, "beats        %d (%d NN), %.1f s%n", p.beats(), p.nnIntervals(), p.durationS()));
        if (t != null) {
            row(sb, "MeanNN", t.meanNnMs(), "ms");
            row(sb, "SDNN", t.sdnnMs(), "ms");
            row(sb, "RMSSD", t.rmssdMs(), "ms");
            row(sb, "SDSD", t.sdsdMs(), "ms");
            row(sb, "pNN50", t.pnn50Pct(), "%");
            row(sb, "pNN20", t.pnn20Pct(), "%");
            row(sb, "MeanHR", t.meanHrBpm(), "bpm");
            row(sb, "MinNN", t.minNnMs(), "ms");
            row(sb, "MaxNN", t.maxNnMs(), "ms");
        }
        if (f != null) {
            row(sb, "VLF", f.vlfMs2(), "ms²");
            row(sb, "LF", f.lfMs2(), "ms²");
            row(sb, "HF", f.hfMs2(), "ms²");
            row(sb, "LF/HF", f.lfHf(), "");
            row(sb, "LFnu", f.lfNu(), "");
            row(sb, "HFnu", f.hfNu(), "");
            row(sb, "LF peak", f.lfPeakHz(), "Hz");
            row(sb, "HF peak", f.hfPeakHz(), "Hz");
            row(sb, "Resp. rate", f.respRateBpm(), "breaths/min");
        }
        if (p.poincare() != null) {
            row(sb, "SD1", p.poincare().sd1Ms(), "ms");
            row(sb, "SD2", p.poincare().sd2Ms(), "ms");
        }
        row(sb, "DFA α1", p.dfaAlpha1(), "");
        row(sb, "DFA α2", p.dfaAlpha2(), "");
        row(sb, "Baevsky SI", p.baevsky() == null ? null : p.baevsky().si(), "");
        row(sb, "Stress idx", p.baevsky() == null ? null : p.baevsky().sqrtSi(), "(√SI)");
        row(sb, "PNS index", p.autonomic() == null ? null : p.autonomic().pnsIndex(), "");
        row(sb, "SNS index", p.autonomic() == null ? null : p.autonomic().snsIndex(), "");
        row(sb, "Coherence", p.coherence(), "");
        for (String note : p.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static void row(StringBuilder sb, String name, Double v, String unit) {
        sb.append(String.format(Locale.ROOT, "%-12s %s %s%n", name, v == null ? "n/a" : JsonWriter.format(v), unit));
    }

    static final class InputError extends Exception {
        InputError(String message) {
            super(message);
        }
    }

    static final class Options {
        String file;
        double windowS = 300;
        double startS = 0;
        String correction = "auto";
        ArtefactCorrector corrector;
        HrvConfig.SpectralMethod method = HrvConfig.SpectralMethod.WELCH;
        boolean json = true;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    if (o.file != null) {
                        throw new IllegalArgumentException("more than one FILE given ('" + o.file + "', '" + a + "')");
                    }
                    o.file = a;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--window-s" -> o.windowS = positive(a, v);
                    case "--start-s" -> {
                        o.startS = number(a, v);
                        if (o.startS < 0) {
                            throw new IllegalArgumentException("--start-s must not be negative");
                        }
                    }
                    case "--correction" -> o.correction = v;
                    case "--method" -> o.method = switch (v) {
                        case "welch" -> HrvConfig.SpectralMethod.WELCH;
                        case "lomb" -> HrvConfig.SpectralMethod.LOMB;
                        default -> throw new IllegalArgumentException("--method must be welch or lomb, not '" + v + "'");
                    };
                    case "--format" -> o.json = switch (v) {
                        case "json" -> true;
                        case "text" -> false;
                        default -> throw new IllegalArgumentException("--format must be json or text, not '" + v + "'");
                    };
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.file == null) {
                throw new IllegalArgumentException("FILE is missing");
            }
            o.corrector = HrvConfig.parseCorrection(o.correction);
            return o;
        }

        private static double number(String name, String v) {
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, not '" + v + "'");
            }
        }

        private static double positive(String name, String v) {
            double d = number(name, v);
            if (d <= 0) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
