package io.plimsoll.report.scan;

import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.List;
import java.util.Optional;

/** How the report formats express a severity. */
final class Severities {

    /** Most severe first: the order of summaries, charts and sorted tables. */
    static final List<Severity> DESCENDING = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW,
            Severity.NEGLIGIBLE, Severity.UNKNOWN);

    private Severities() {
    }

    /** SARIF level: what code-scanning UIs show as error, warning or note. */
    static String sarifLevel(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM, UNKNOWN -> "warning";   // unknown is not known to be harmless: do not hide it as a note
            case LOW, NEGLIGIBLE -> "note";
        };
    }

    /**
     * GitHub's {@code security-severity}: the CVSS base score when there is one, else a number inside the band
     * GitHub maps back to the same severity (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0). Unknown severity
     * without a score gives none, so GitHub does not invent a rating.
     */
    static Optional<Double> securitySeverity(Severity s, Optional<Double> cvss) {
        if (cvss.isPresent()) {
            return cvss;
        }
        return switch (s) {
            case CRITICAL -> Optional.of(9.5);
            case HIGH -> Optional.of(8.0);
            case MEDIUM -> Optional.of(5.5);
            case LOW -> Optional.of(2.0);
            case NEGLIGIBLE -> Optional.of(0.5);
            case UNKNOWN -> Optional.empty();
        };
    }

    static Optional<Double> score(Finding f) {
        return f.bestCvss().filter(c -> c.hasScore()).map(c -> c.score());
    }
}
