package org.equilibrium.session;

import java.util.Locale;

/** What the patient does during the practice phase. */
public enum PracticeType {
    PACED_BREATHING("paced breathing"),
    BODY_SCAN("the body scan"),
    OPEN_MONITORING("open monitoring"),
    TENS_THERAPY("TENS therapy"),
    FREE("practice");

    private final String phrase;

    PracticeType(String phrase) {
        this.phrase = phrase;
    }

    /** As it reads after "during" in a sentence for the patient. */
    public String phrase() {
        return phrase;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
