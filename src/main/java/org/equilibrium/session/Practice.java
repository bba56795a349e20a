package org.equilibrium.session;

/**
 * The practice of a session. Paced breathing carries its pacer rate; the other types carry none.
 *
 * @param breathsPerMinute pacer rate for {@link PracticeType#PACED_BREATHING}, else null
 */
public record Practice(PracticeType type, Double breathsPerMinute) {
    /** Resonance-frequency breathing is usually paced near 6/min (Lehrer &amp; Gevirtz 2014). */
    public static final double DEFAULT_BREATHS_PER_MINUTE = 6.0;
    /** A pacer slower than 2/min or faster than 30/min is not a breathing exercise a person can follow. */
    public static final double MIN_BREATHS_PER_MINUTE = 2.0;
    public static final double MAX_BREATHS_PER_MINUTE = 30.0;

    public Practice {
        if (type == null) {
            throw new IllegalArgumentException("practice type is required");
        }
        if (type == PracticeType.PACED_BREATHING) {
            if (breathsPerMinute == null) {
                breathsPerMinute = DEFAULT_BREATHS_PER_MINUTE;
            }
            if (!(breathsPerMinute >= MIN_BREATHS_PER_MINUTE && breathsPerMinute <= MAX_BREATHS_PER_MINUTE)) {
                throw new IllegalArgumentException("paced breathing rate must be in [" + MIN_BREATHS_PER_MINUTE
                        + ", " + MAX_BREATHS_PER_MINUTE + "] breaths/min, got " + breathsPerMinute);
            }
        } else if (breathsPerMinute != null) {
            throw new IllegalArgumentException("a breathing rate only applies to paced breathing, not " + type.wireName());
        }
    }

    public static Practice pacedBreathing(double breathsPerMinute) {
        return new Practice(PracticeType.PACED_BREATHING, breathsPerMinute);
    }

    public static Practice of(PracticeType type) {
        return new Practice(type, null);
    }
}
