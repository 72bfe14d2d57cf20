package io.plimsoll.server.analysis;

import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.List;

/**
 * An image's findings per severity, and how many are in CISA's KEV list, have a fix, or are critical with a fix.
 * One rule for the image page and the stored evaluation the images table reads, so the two cannot disagree.
 */
public record FindingCounts(int critical, int high, int medium, int low, int other, int kev, int fixable,
                            int criticalFixable) {

    public static final FindingCounts NONE = new FindingCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public static FindingCounts of(List<Finding> findings) {
        int[] n = new int[Severity.values().length];
        int kev = 0;
        int fixable = 0;
        int criticalFixable = 0;
        for (Finding f : findings) {
            n[f.severity().ordinal()]++;
            kev += f.kev().isPresent() ? 1 : 0;
            fixable += f.hasFix() ? 1 : 0;
            criticalFixable += f.hasFix() && f.severity() == Severity.CRITICAL ? 1 : 0;
        }
        return new FindingCounts(n[Severity.CRITICAL.ordinal()], n[Severity.HIGH.ordinal()],
                n[Severity.MEDIUM.ordinal()], n[Severity.LOW.ordinal()],
                n[Severity.NEGLIGIBLE.ordinal()] + n[Severity.UNKNOWN.ordinal()], kev, fixable, criticalFixable);
    }

    public FindingCounts plus(FindingCounts o) {
        return new FindingCounts(critical + o.critical, high + o.high, medium + o.medium, low + o.low,
                other + o.other, kev + o.kev, fixable + o.fixable, criticalFixable + o.criticalFixable);
    }
}
