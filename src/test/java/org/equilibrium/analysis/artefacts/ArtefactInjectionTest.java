package org.equilibrium.analysis.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.equilibrium.analysis.TestData;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.time.TimeDomain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Injects known artefacts (seeded) into real recordings cleaned by the corrector itself, then measures
 * per class: sensitivity (an injected event flagged within one beat of where it was put), class accuracy
 * (flagged with the class it was injected as) and false-positive rate (flags away from any injection, per
 * untouched beat). Writes target/artefact-injection-report.md.
 */
class ArtefactInjectionTest {
    static final String[] RECORDINGS = {"rhb_rest", "rhb_rest_lowhr", "nsr004_night", "aura_test_nn", "chf201_clean", "nsr001_day"};
    static final int SPACING = 30;

    enum Kind { ECTOPIC, MISSED, EXTRA, LONG, SHORT }

    record Stats(int events, int detected, int rightClass, int flaggedElsewhere, int cleanBeats) {
        double sensitivity() {
            return (double) detected / events;
        }

        double classAccuracy() {
            return (double) rightClass / events;
        }

        double falsePositiveRate() {
            return (double) flaggedElsewhere / cleanBeats;
        }
    }

    private static final Map<String, Stats> REPORT = new LinkedHashMap<>();

    record Injected(double[] rr, List<Integer> positions) {
    }

    /** The recording with its own artefacts corrected: the ground truth the injections go into. */
    static double[] clean(String name) {
        RrSeries raw = RrSeries.fromIntervals(TestData.intervals(name));
        return new LipponenTarvainenCorrector().correct(raw).nn().rrMs();
    }

    static Injected inject(double[] base, Kind kind, long seed) {
        Random rnd = new Random(seed);
        List<Double> out = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int next = 15 + rnd.nextInt(10);
        for (int i = 0; i < base.length; i++) {
            boolean room = i == next && i < base.length - 15;
            if (!room) {
                out.add(base[i]);
                continue;
            }
            next = i + SPACING + rnd.nextInt(10);
            positions.add(out.size());
            switch (kind) {
                case ECTOPIC -> {
                    // Premature beat with a full compensatory pause: short then long, total time kept.
                    double p = 0.20 + 0.15 * rnd.nextDouble();
                    out.add(base[i] * (1 - p));
                    out.add(base[i + 1] + base[i] * p);
                    i++;
                }
                case MISSED -> {
                    out.add(base[i] + base[i + 1]);
                    i++;
                }
                case EXTRA -> {
                    double f = 0.3 + 0.4 * rnd.nextDouble();
                    out.add(base[i] * f);
                    out.add(base[i] * (1 - f));
                }
                case LONG -> out.add(base[i] * (1.35 + 0.3 * rnd.nextDouble()));
                case SHORT -> out.add(base[i] * (0.55 + 0.15 * rnd.nextDouble()));
            }
        }
        return new Injected(out.stream().mapToDouble(Double::doubleValue).toArray(), positions);
    }

    static byte expectedClass(Kind kind) {
        return switch (kind) {
            case ECTOPIC -> LipponenTarvainenCorrector.ECTOPIC;
            case MISSED -> LipponenTarvainenCorrector.MISSED;
            case EXTRA -> LipponenTarvainenCorrector.EXTRA;
            case LONG, SHORT -> LipponenTarvainenCorrector.LONG_SHORT;
        };
    }

    static Stats measure(Kind kind) {
        int events = 0;
        int detected = 0;
        int right = 0;
        int elsewhere = 0;
        int clean = 0;
        long seed = 1000 + kind.ordinal();
        for (String name : RECORDINGS) {
            Injected inj = inject(clean(name), kind, seed++);
            byte[] cls = LipponenTarvainenCorrector.classify(inj.rr());
            boolean[] near = new boolean[cls.length];
            for (int pos : inj.positions()) {
                events++;
                boolean hit = false;
                boolean ok = false;
                for (int j = Math.max(0, pos - 1); j <= Math.min(cls.length - 1, pos + 2); j++) {
                    hit |= cls[j] != LipponenTarvainenCorrector.NORMAL;
                    ok |= cls[j] == expectedClass(kind);
                }
                detected += hit ? 1 : 0;
                right += ok ? 1 : 0;
                for (int j = Math.max(0, pos - 2); j <= Math.min(cls.length - 1, pos + 3); j++) {
                    near[j] = true;
                }
            }
            for (int j = 0; j < cls.length; j++) {
                if (!near[j]) {
                    clean++;
                    elsewhere += cls[j] != LipponenTarvainenCorrector.NORMAL ? 1 : 0;
                }
            }
        }
        Stats s = new Stats(events, detected, right, elsewhere, clean);
        REPORT.put(kind.name().toLowerCase(Locale.ROOT), s);
        return s;
    }

    @Test
    void detectsInjectedEctopicBeats() {
        Stats s = measure(Kind.ECTOPIC);
        assertThat(s.events()).isGreaterThan(50);
        assertThat(s.sensitivity()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.classAccuracy()).isGreaterThanOrEqualTo(0.90);
        assertThat(s.falsePositiveRate()).isLessThan(0.01);
    }

    @Test
    void detectsInjectedMissedBeats() {
        Stats s = measure(Kind.MISSED);
        assertThat(s.sensitivity()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.classAccuracy()).isGreaterThanOrEqualTo(0.90);
        assertThat(s.falsePositiveRate()).isLessThan(0.01);
    }

    @Test
    void detectsInjectedExtraBeats() {
        Stats s = measure(Kind.EXTRA);
        assertThat(s.sensitivity()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.classAccuracy()).isGreaterThanOrEqualTo(0.90);
        assertThat(s.falsePositiveRate()).isLessThan(0.01);
    }

    @Test
    void detectsInjectedLongAndShortBeats() {
        Stats lng = measure(Kind.LONG);
        Stats shrt = measure(Kind.SHORT);
        assertThat(lng.sensitivity()).isGreaterThanOrEqualTo(0.90);
        assertThat(shrt.sensitivity()).isGreaterThanOrEqualTo(0.90);
        assertThat(lng.falsePositiveRate()).isLessThan(0.01);
        assertThat(shrt.falsePositiveRate()).isLessThan(0.01);
    }

    @Test
    void flagsFewBeatsInTheCleanedRecordings() {
        int beats = 0;
        int flagged = 0;
        for (String name : RECORDINGS) {
            byte[] cls = LipponenTarvainenCorrector.classify(clean(name));
            beats += cls.length;
            for (byte c : cls) {
                flagged += c != LipponenTarvainenCorrector.NORMAL ? 1 : 0;
            }
        }
        REPORT.put("none (cleaned recordings re-screened)", new Stats(0, 0, 0, flagged, beats));
        assertThat((double) flagged / beats).isLessThan(0.01);
    }

    @Test
    void correctionRestoresRmssdAfterMissedAndExtraBeats() {
        double[] base = clean("nsr004_night");
        double truth = TimeDomain.of(RrSeries.fromIntervals(base)).rmssdMs();
        for (Kind kind : new Kind[] {Kind.MISSED, Kind.EXTRA, Kind.ECTOPIC}) {
            double[] rr = inject(base, kind, 77).rr();
            double raw = TimeDomain.of(RrSeries.fromIntervals(rr)).rmssdMs();
            CorrectionResult c = new LipponenTarvainenCorrector().correct(RrSeries.fromIntervals(rr));
            double fixed = TimeDomain.of(c.nn()).rmssdMs();
            assertThat(Math.abs(raw - truth)).as(kind + " uncorrected").isGreaterThan(0.3 * truth);
            assertThat(fixed).as(kind + " corrected").isCloseTo(truth, within(0.08 * truth));
            // Splits and merges restore the beat count; total time is preserved by every correction here.
            assertThat(c.nn().size()).as(kind + " beats").isBetween(base.length - 1, base.length + 1);
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Artefact injection report (Lipponen & Tarvainen automatic correction)\n\n");
        sb.append("Recordings (cleaned by the corrector first): ").append(String.join(", ", RECORDINGS)).append('\n');
        sb.append("One injected event every ").append(SPACING).append("–").append(SPACING + 9)
                .append(" beats, seeded. Sensitivity: flagged within −1…+2 beats of the injection; class accuracy:")
                .append(" flagged there with the injected class; FPR: flags outside −2…+3 beats of any injection per such beat.\n\n");
        sb.append("| injected | events | sensitivity | class accuracy | false-positive rate |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Stats> e : REPORT.entrySet()) {
            Stats s = e.getValue();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.3f %% (%d of %d) |%n", e.getKey(), s.events(),
                    s.events() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * s.sensitivity()),
                    s.events() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * s.classAccuracy()),
                    100 * s.falsePositiveRate(), s.flaggedElsewhere(), s.cleanBeats()));
        }
        Path out = Path.of("target", "artefact-injection-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }
}
