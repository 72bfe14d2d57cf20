package io.plimsoll.vuln.suppress;

import io.plimsoll.vuln.match.Finding;

/** A finding a VEX statement or the ignore file cleared, kept so that reports can still show it and why. */
public record Suppressed(Finding finding, Suppression why) {
}
