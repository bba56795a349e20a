package org.equilibrium.analysis.artefacts;

/**
 * Corrected artefacts per class in one window. The first four are the classes of Lipponen &amp; Tarvainen
 * (2019); {@code threshold} counts intervals replaced by the plain threshold filter.
 */
public record ArtefactCounts(int ectopic, int missed, int extra, int longShort, int threshold) {
    public static final ArtefactCounts NONE = new ArtefactCounts(0, 0, 0, 0, 0);

    public int total() {
        return ectopic + missed + extra + longShort + threshold;
    }

    public ArtefactCounts plus(ArtefactCounts o) {
        return new ArtefactCounts(ectopic + o.ectopic, missed + o.missed, extra + o.extra,
                longShort + o.longShort, threshold + o.threshold);
    }
}
