package org.equilibrium.session.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores live estimates against the simulator's ground truth (one truth line per virtual second and strap).
 *
 * <p><b>Truth label.</b> The simulator's heart model has an autonomic balance b in [−1, +1] (+ = vagal). The
 * estimator is baseline-relative, so the truth is too: Δ = b − mean b over the scenario's {@code baseline}
 * phase. Δ ≥ +0.4 is parasympathetic, Δ ≤ −0.4 sympathetic, |Δ| ≤ 0.15 balanced; in between the truth is
 * ambiguous (mild shifts such as a recovery at b = 0.3, and the seconds while b glides between phase targets)
 * and such windows are left out of the agreement, not counted either way. The bands were fixed from the
 * scenario files' design (clear states at |b| ≥ 0.5, neutral at |b| ≤ 0.1) before looking at any result.
 *
 * <p><b>Fault windows.</b> An estimate at t covers (t − 60 s, t]. A fault that removes all data (contact loss,
 * disconnect, broker outage) over ≥ 20 % of that window makes coverage fall below the 80 %
 * the estimator requires, so such a window must be flagged (quality not ok). A window touched by any fault may
 * be flagged or carry the true label; a wrong directed label there is a mislabel.
 */
final class TruthScoring {
    static final double DIRECTED = 0.4;
    static final double NEUTRAL = 0.15;
    static final long WINDOW_MS = 60_000;
    /** Faults that remove all data while they last (lost-notifications drops only a fraction, like artefacts). */
    static final List<String> DATA_LOSS = List.of("contact-loss", "disconnect", "broker-outage");

    enum Label { SYMPATHETIC, BALANCED, PARASYMPATHETIC }

    record TruthSecond(long tMs, String phase, double balance, boolean contact, List<String> faults) {
    }

    record Estimate(long tMs, String state, String quality) {
    }

    record Shift(long atMs, Label from, Label to, Long detectedAfterMs) {
    }

    record Result(String scenario, Map<Label, Map<String, Integer>> confusion, int okDefinite, int agree,
                  int okAmbiguous, Map<String, Integer> qualities, List<Shift> shifts, int dataLossWindows,
                  int dataLossFlagged, int faultWindowsOk, int faultMislabelled) {
        double agreement() {
            return okDefinite == 0 ? Double.NaN : (double) agree / okDefinite;
        }

        String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("### ").append(scenario).append("\n\n");
            sb.append("Confusion matrix, quality-ok windows with a definite truth (rows truth, columns estimate):\n\n");
            sb.append("| truth \\ estimate | sympathetic | balanced | parasympathetic |\n|---|---|---|---|\n");
            for (Label t : Label.values()) {
                Map<String, Integer> row = confusion.get(t);
                sb.append("| ").append(t.name().toLowerCase(Locale.ROOT)).append(" | ")
                        .append(row.getOrDefault("sympathetic", 0)).append(" | ")
                        .append(row.getOrDefault("balanced", 0)).append(" | ")
                        .append(row.getOrDefault("parasympathetic", 0)).append(" |\n");
            }
            sb.append(String.format(Locale.ROOT, "%nAgreement: %d / %d = %.1f %% (ok windows with ambiguous truth, "
                    + "not counted: %d)%n%n", agree, okDefinite, 100 * agreement(), okAmbiguous));
            sb.append("Windows by quality: ").append(qualities).append("\n\n");
            sb.append("Truth shifts (time to the first estimate with the new label):\n\n");
            for (Shift s : shifts) {
                sb.append(String.format(Locale.ROOT, "- at +%d s: %s → %s: %s%n", s.atMs() / 1000,
                        s.from().name().toLowerCase(Locale.ROOT), s.to().name().toLowerCase(Locale.ROOT),
                        s.detectedAfterMs() == null ? "not detected" : (s.detectedAfterMs() / 1000.0) + " s"));
            }
            sb.append(String.format(Locale.ROOT, "%nData-loss windows (≥ 20 %% of the window without data): %d, "
                    + "flagged %d. Windows touched by any fault with quality ok: %d, of which mislabelled: %d.%n%n",
                    dataLossWindows, dataLossFlagged, faultWindowsOk, faultMislabelled));
            return sb.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<TruthSecond> parse(List<String> lines) throws Exception {
        List<TruthSecond> out = new ArrayList<>();
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            List<String> faults = new ArrayList<>();
            n.path("faults").forEach(f -> faults.add(f.asText()));
            out.add(new TruthSecond(n.get("ts").asLong(), n.get("phase").asText(), n.get("balance").asDouble(),
                    n.path("contact").asBoolean(true), faults));
        }
        out.sort(java.util.Comparator.comparingLong(TruthSecond::tMs));
        return out;
    }

    static Label label(double delta) {
        if (delta >= DIRECTED) {
            return Label.PARASYMPATHETIC;
        }
        if (delta <= -DIRECTED) {
            return Label.SYMPATHETIC;
        }
        return Math.abs(delta) <= NEUTRAL ? Label.BALANCED : null;
    }

    static Result score(String scenario, List<TruthSecond> truth, List<Estimate> estimates, long sessionStartMs) {
        double baseline = truth.stream().filter(t -> t.phase().equals("baseline")).mapToDouble(TruthSecond::balance)
                .average().orElse(0);
        TreeMap<Long, TruthSecond> byTime = new TreeMap<>();
        truth.forEach(t -> byTime.put(t.tMs(), t));
        Map<Label, Map<String, Integer>> confusion = new EnumMap<>(Label.class);
        for (Label l : Label.values()) {
            confusion.put(l, new TreeMap<>());
        }
        Map<String, Integer> qualities = new TreeMap<>();
        int okDefinite = 0;
        int agree = 0;
        int okAmbiguous = 0;
        int lossWindows = 0;
        int lossFlagged = 0;
        int faultOk = 0;
        int faultMislabelled = 0;
        for (Estimate e : estimates) {
            qualities.merge(e.quality(), 1, Integer::sum);
            var at = byTime.floorEntry(e.tMs());
            if (at == null) {
                continue;
            }
            var window = byTime.subMap(e.tMs() - WINDOW_MS, false, e.tMs(), true).values();
            long lossSeconds = window.stream().filter(t -> !t.contact()
                    || t.faults().stream().anyMatch(DATA_LOSS::contains)).count();
            boolean anyFault = window.stream().anyMatch(t -> !t.contact() || !t.faults().isEmpty());
            boolean ok = e.quality().equals("ok");
            Label truthLabel = label(at.getValue().balance() - baseline);
            if (lossSeconds >= 0.2 * WINDOW_MS / 1000) {
                lossWindows++;
                if (!ok) {
                    lossFlagged++;
                }
            }
            if (ok && anyFault) {
                faultOk++;
                if (truthLabel != null && !e.state().equals(truthLabel.name().toLowerCase(Locale.ROOT))) {
                    faultMislabelled++;
                }
            }
            if (!ok) {
                continue;
            }
            if (truthLabel == null) {
                okAmbiguous++;
                continue;
            }
            okDefinite++;
            confusion.get(truthLabel).merge(e.state(), 1, Integer::sum);
            if (e.state().equals(truthLabel.name().toLowerCase(Locale.ROOT))) {
                agree++;
            }
        }
        return new Result(scenario, confusion, okDefinite, agree, okAmbiguous, qualities,
                shifts(truth, baseline, estimates, sessionStartMs), lossWindows, lossFlagged, faultOk, faultMislabelled);
    }

    /**
     * Shifts of the definite truth label (ambiguous seconds in between are skipped) to a label that then holds
     * for at least 60 s, after the estimator's 60-s warm-up; each with the delay to the first ok estimate with the
     * new label.
     */
    static List<Shift> shifts(List<TruthSecond> truth, double baseline, List<Estimate> estimates, long startMs) {
        List<Shift> out = new ArrayList<>();
        Label current = null;
        for (int i = 0; i < truth.size(); i++) {
            Label l = label(truth.get(i).balance() - baseline);
            if (l == null || l == current) {
                continue;
            }
            long at = truth.get(i).tMs();
            boolean holds = true;
            for (int j = i; j < truth.size() && truth.get(j).tMs() < at + 60_000; j++) {
                Label k = label(truth.get(j).balance() - baseline);
                if (k != null && k != l) {
                    holds = false;
                    break;
                }
            }
            if (!holds) {
                continue;
            }
            if (current != null && at >= startMs + WINDOW_MS) {
                Long delay = null;
                for (Estimate e : estimates) {
                    if (e.tMs() >= at && e.quality().equals("ok")
                            && e.state().equals(l.name().toLowerCase(Locale.ROOT))) {
                        delay = e.tMs() - at;
                        break;
                    }
                }
                out.add(new Shift(at - startMs, current, l, delay));
            }
            current = l;
        }
        return out;
    }
}
