package io.plimsoll.vuln.match;

import io.plimsoll.catalog.Package;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import java.util.List;
import java.util.Optional;

/**
 * One vulnerability in one installed package.
 *
 * @param pkg             the package (its provenance says which layer and Dockerfile step added it)
 * @param namespace       where the advisory filed it: {@code debian:12}, {@code Maven}
 * @param matchedName     the name the advisory uses (Debian's source package, Maven's {@code group:artifact})
 * @param matchedVersion  the version compared (for Debian the SOURCE version, e.g. {@code 1.2-3} for {@code 1.2-3+b1})
 * @param status          {@link AffectedStatus#FIXED} when a fix above the installed version exists; otherwise
 *                        {@code AFFECTED} (no fix yet), {@code WILL_NOT_FIX}, {@code FIX_DEFERRED} or
 *                        {@code UNDER_INVESTIGATION}
 * @param fixedVersions   the fixes above the installed version in the ranges that contain it, nearest first
 * @param severity        the normalised severity: the source's own for this package, else the advisory's, else NVD's
 * @param severitySource  where {@code severity} came from: the source name or {@code nvd}
 * @param cvss            the advisory's own CVSS assessments followed by NVD's
 */
public record Finding(Package pkg, String namespace, String matchedName, String matchedVersion, Advisory advisory,
                      AffectedStatus status, List<String> fixedVersions, Severity severity, String severitySource,
                      List<Cvss> cvss, Optional<EpssScore> epss, Optional<KevEntry> kev, String matchedBy) {

    /** The order reports list findings in: by package name, version and location, then advisory id. */
    public static final java.util.Comparator<Finding> REPORT_ORDER = java.util.Comparator
            .comparing((Finding f) -> f.pkg().name()).thenComparing(f -> f.pkg().version())
            .thenComparing(f -> f.pkg().location()).thenComparing(f -> f.advisory().id());

    public Finding {
        fixedVersions = List.copyOf(fixedVersions);
        cvss = List.copyOf(cvss);
    }

    /** The nearest fixed version above the installed one, when there is a fix. */
    public Optional<String> nearestFix() {
        return fixedVersions.isEmpty() ? Optional.empty() : Optional.of(fixedVersions.get(0));
    }

    public boolean hasFix() {
        return !fixedVersions.isEmpty();
    }

    /** The best CVSS base score known: the highest-version scored assessment. */
    public Optional<Cvss> bestCvss() {
        return bestOf(cvss);
    }

    /** The assessment to rate by: a scored v3.x first, then v4.0, then v2, newest minor version first. */
    public static Optional<Cvss> bestOf(List<Cvss> cvss) {
        return cvss.stream().filter(Cvss::hasScore)
                .max(java.util.Comparator.comparing((Cvss c) -> c.version().startsWith("3") ? 2
                        : c.version().startsWith("4") ? 1 : 0).thenComparing(Cvss::version));
    }
}
