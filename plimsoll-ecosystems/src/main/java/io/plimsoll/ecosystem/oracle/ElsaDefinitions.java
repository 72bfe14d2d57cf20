package io.plimsoll.ecosystem.oracle;

import io.plimsoll.ecosystem.oval.OvalDefinition;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criteria;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criterion;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns ELSA OVAL definitions into advisories and fixed-in rows.
 *
 * <p>Oracle's criteria say everything in their comments, the way every reader of this feed (Trivy, vuln-list) takes
 * them: {@code Oracle Linux 7 is installed} gives the release for the criteria below it, and
 * {@code sudo is earlier than 0:1.8.23-4.0.1.el7} a binary rpm and the first build that is fixed. The release is
 * part of the namespace ({@code ol:7}), so one release's fix never applies to another.
 *
 * <p>Only security advisories (ELSA) become rows: the file is meant to hold only those, but a bug-fix (ELBA) or
 * enhancement (ELEA) erratum fixes no vulnerability, so one that appears is skipped and counted.
 */
final class ElsaDefinitions {

    static final Pattern RELEASE = Pattern.compile("Oracle Linux (\\d+) is installed");
    static final Pattern EARLIER = Pattern.compile("(\\S+) is earlier than (\\S+)");
    private static final Pattern TITLE_ID = Pattern.compile("(EL[SBE]A-\\d{4}[-:]\\d+(?:-\\d+)?)");
    private static final Pattern PLATFORM = Pattern.compile("Oracle Linux (\\d+)");

    private final FeedSink sink;
    private int advisories;
    private int rows;
    private int skipped;

    ElsaDefinitions(FeedSink sink) {
        this.sink = sink;
    }

    void add(OvalDefinition d) {
        Optional<String> id = erratumId(d);
        if (id.isEmpty() || !id.get().startsWith("ELSA-")) {
            skipped++;
            return;
        }
        List<AffectedPackage> affected = affected(id.get(), d);
        if (affected.isEmpty()) {
            skipped++;
            return;
        }
        sink.advisory(advisory(id.get(), d));
        affected.forEach(sink::affected);
        advisories++;
        rows += affected.size();
    }

    int advisories() {
        return advisories;
    }

    int rows() {
        return rows;
    }

    int skipped() {
        return skipped;
    }

    /** The erratum id: the {@code elsa} reference's, else the title's first word ({@code ELSA-2007:0057} as written). */
    static Optional<String> erratumId(OvalDefinition d) {
        for (OvalDefinition.Reference ref : d.references()) {
            if (ref.source().equalsIgnoreCase("elsa") && !ref.refId().isBlank()) {
                return Optional.of(ref.refId().strip());
            }
        }
        Matcher m = TITLE_ID.matcher(d.title());
        return m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Advisory advisory(String id, OvalDefinition d) {
        Set<String> aliases = new LinkedHashSet<>();
        List<String> references = new ArrayList<>();
        for (OvalDefinition.Reference ref : d.references()) {
            if (ref.source().equalsIgnoreCase("CVE") && ref.refId().startsWith("CVE-")) {
                aliases.add(ref.refId().strip());
            }
            if (!ref.url().isBlank()) {
                references.add(ref.url());
            }
        }
        List<Cvss> cvss = new ArrayList<>();
        for (OvalDefinition.Cve cve : d.cves()) {
            if (cve.id().startsWith("CVE-")) {
                aliases.add(cve.id());
            }
            cvss3(cve.cvss3()).ifPresent(cvss::add);
        }
        String severityWord = d.severity().equalsIgnoreCase("N/A") ? "" : d.severity();
        return new Advisory(id, OracleOvalUpdater.NAME, List.copyOf(aliases), d.title(), d.description(),
                date(d.issued()), Optional.empty(), references, d.severity(), Severity.parse(severityWord), cvss);
    }

    /** Oracle writes {@code cvss3="5.5/CVSS:3.1/AV:L/…"}: the score, a slash, the vector. */
    private static Optional<Cvss> cvss3(String written) {
        int slash = written.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        try {
            double score = Double.parseDouble(written.substring(0, slash));
            String vector = written.substring(slash + 1);
            return Optional.of(new Cvss(Cvss.versionOf(vector), vector, score, OracleOvalUpdater.NAME));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> date(String issued) {
        try {
            return issued.length() >= 10
                    ? Optional.of(LocalDate.parse(issued.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant())
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One row per (release, binary rpm, fixed build); a definition without a release criterion takes its platform. */
    static List<AffectedPackage> affected(String id, OvalDefinition d) {
        String platformRelease = "";
        if (d.platforms().size() == 1) {
            Matcher m = PLATFORM.matcher(d.platforms().get(0));
            platformRelease = m.matches() ? m.group(1) : "";
        }
        Set<String> seen = new LinkedHashSet<>();
        List<AffectedPackage> out = new ArrayList<>();
        walk(id, d, d.criteria(), platformRelease, seen, out);
        return out;
    }

    private static void walk(String id, OvalDefinition d, Criteria c, String release, Set<String> seen,
                             List<AffectedPackage> out) {
        for (Criterion criterion : c.criterions()) {
            Matcher m = RELEASE.matcher(criterion.comment());
            if (m.matches()) {
                release = m.group(1);
            }
        }
        for (Criterion criterion : c.criterions()) {
            Matcher m = EARLIER.matcher(criterion.comment());
            if (m.matches() && !release.isEmpty() && seen.add(release + " " + m.group(1) + " " + m.group(2))) {
                out.add(new AffectedPackage(id, OracleOvalUpdater.NAME, OracleMatchRule.FAMILY + ":" + release,
                        m.group(1), RpmVersionScheme.NAME, AffectedStatus.FIXED,
                        List.of(VersionRange.fixedIn(m.group(2))), List.of(), Optional.empty(), d.severity()));
            }
        }
        for (Criteria child : c.criteria()) {
            walk(id, d, child, release, seen, out);
        }
    }
}
