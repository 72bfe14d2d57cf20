package io.plimsoll.server.clair;

import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;

/** Clair's two severity fields: {@code normalized_severity} and {@code severity}, "as presented in the vendor data". */
public final class ClairSeverity {

    private ClairSeverity() {
    }

    /** Clair's normalised words ({@code Unknown}, {@code Negligible}, … {@code Critical}): Plimsoll's, capitalised. */
    public static String normalized(Severity s) {
        String l = s.label();
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    /** Reads {@link #normalized} back (any case); an unknown word is {@link Severity#UNKNOWN}. */
    public static Severity parse(String normalized) {
        return Severity.parse(normalized);
    }

    /** The source's word for a finding, else the normalised one in Plimsoll's spelling (Clair wants text here). */
    static String presented(Finding f) {
        return f.advisory().sourceSeverity().isEmpty() ? f.severity().label() : f.advisory().sourceSeverity();
    }
}
