package io.plimsoll.vuln;

import java.time.LocalDate;
import java.util.Optional;

/** FIRST's Exploit Prediction Scoring System: the probability (0–1) of exploitation in the next 30 days. */
public record EpssScore(String cve, double score, double percentile, Optional<LocalDate> date) {
}
