package io.plimsoll.vuln.advice;

import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fix advice for one image: per vulnerable package the upgrade to make and where, and the summary.
 *
 * @param packages the vulnerable packages, in report order
 */
public record Advice(BaseImage base, List<PackageAdvice> packages) {

    public Advice {
        packages = List.copyOf(packages);
    }

    /** How many packages have an upgrade target. */
    public int upgrades() {
        return (int) packages.stream().filter(p -> p.target().isPresent()).count();
    }

    /**
     * Findings with a fix in the data, and those an upgrade clears though their own advisory names no fix (an OSV
     * record that lists affected versions only): so the cleared never outnumber the fixable.
     */
    public int fixable() {
        int n = 0;
        for (PackageAdvice p : packages) {
            List<Finding> notCleared = p.notCleared();
            n += (int) p.findings().stream().filter(f -> f.hasFix() || !notCleared.contains(f)).count();
        }
        return n;
    }

    /** Findings the targets clear. */
    public int cleared() {
        return packages.stream().mapToInt(p -> p.target().map(t -> t.clears().size()).orElse(0)).sum();
    }

    /** Findings without any fix (open, will-not-fix, deferred, under investigation), by severity, highest first. */
    public Map<Severity, Long> noFix() {
        Map<Severity, Long> out = new EnumMap<>(Severity.class);
        findings().stream().filter(f -> f.status() != AffectedStatus.FIXED)
                .forEach(f -> out.merge(f.severity(), 1L, Long::sum));
        return out;
    }

    /** {@code 3 upgrades clear 40 of 42 fixable findings; no fix: 2 high, 1 low}. */
    public String summary() {
        if (packages.isEmpty()) {
            return "no vulnerable packages: nothing to upgrade";
        }
        int n = upgrades();
        String line = n + (n == 1 ? " upgrade clears " : " upgrades clear ") + cleared() + " of " + fixable()
                + " fixable findings";
        Map<Severity, Long> none = noFix();
        if (none.isEmpty()) {
            return line + "; every finding has a fix";
        }
        List<Severity> order = new java.util.ArrayList<>(none.keySet());
        java.util.Collections.reverse(order);
        return line + "; no fix: " + order.stream().map(s -> none.get(s) + " " + s.label())
                .collect(Collectors.joining(", "));
    }

    private List<Finding> findings() {
        return packages.stream().flatMap(p -> p.findings().stream()).toList();
    }
}
