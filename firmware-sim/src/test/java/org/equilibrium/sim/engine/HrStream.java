package org.equilibrium.sim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: reads RR intervals back out of recorded {@code hr} JSON messages. */
public final class HrStream {
    private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");
    private static final Pattern BPM = Pattern.compile("\"bpm\":(\\d+)");
    private static final Pattern RR = Pattern.compile("\"rr_ms\":\\[([^\\]]*)\\]");

    /** One RR with the epoch time at which it ended. */
    public record Rr(long endEpochMs, double rrMs) {
    }

    private HrStream() {
    }

    public static long ts(String json) {
        Matcher m = TS.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no ts in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    public static int bpm(String json) {
        Matcher m = BPM.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no bpm in " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    public static double[] rrOf(String json) {
        Matcher m = RR.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no rr_ms in " + json);
        }
        if (m.group(1).isEmpty()) {
            return new double[0];
        }
        String[] parts = m.group(1).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    /** Every RR of a device's hr messages, with end times reconstructed backwards from each ts. */
    public static List<Rr> rr(List<String> hrJson) {
        List<Rr> out = new ArrayList<>();
        for (String j : hrJson) {
            double[] rr = rrOf(j);
            double end = ts(j);
            List<Rr> batch = new ArrayList<>();
            for (int i = rr.length - 1; i >= 0; i--) {
                batch.add(0, new Rr(Math.round(end), rr[i]));
                end -= rr[i];
            }
            out.addAll(batch);
        }
        return out;
    }

    public static double[] between(List<Rr> rr, long fromEpochMs, long toEpochMs) {
        return rr.stream().filter(r -> r.endEpochMs() >= fromEpochMs && r.endEpochMs() < toEpochMs)
                .mapToDouble(Rr::rrMs).toArray();
    }
}
