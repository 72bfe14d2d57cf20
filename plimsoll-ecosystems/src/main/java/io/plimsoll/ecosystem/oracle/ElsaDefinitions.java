package io.plimsoll.ecosystem.oracle;

import io.plimsoll.ecosystem.oval.OvalDefinition;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criteria;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criterion;
import io.plimsoll.ecosystem.redhat.ModuleStreams;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * part of the namespace ({@code ol:7}), so one release's fix never applies to another. On EL8 and later,
 * {@code Module nodejs:16 is enabled} scopes the packages below it to that module stream: the row keeps the stream,
 * as Red Hat's do, because the same rpm name ships in several streams with unrelated versions and one stream's
 * fix says nothing about another's build.
 *
 * <p>Only security advisories (ELSA) become rows: the file is meant to hold only those, but a bug-fix (ELBA) or
 * enhancement (ELEA) erratum fixes no vulnerability, so one that appears is skipped and counted.
 */
final class ElsaDefinitions {

    static final Pattern RELEASE = Pattern.compile("Oracle Linux (\\d+) is installed");
    static final Pattern EARLIER = Pattern.compile("(\\S+) is earlier than (\\S+)");
    static final Pattern ARCH = Pattern.compile("Oracle Linux arch is (\\S+)");
    static final Pattern MODULE = Pattern.compile("Module (\\S+) is enabled");
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

    /**
     * One row per (release, module stream, binary rpm, fixed build); a definition without a release criterion takes
     * its platform.
     *
     * <p>Newer definitions list the packages once per architecture under {@code Oracle Linux arch is x86_64}. Where
     * every architecture names the same builds, that is one row for the name; where they differ (an aarch64 UEK
     * built apart), each architecture's builds are filed under {@code name.arch}, rpm's own spelling, so that one
     * architecture's fix is never held against another's build ({@link OracleMatchRule} asks for both names).
     */
    static List<AffectedPackage> affected(String id, OvalDefinition d) {
        String platformRelease = "";
        if (d.platforms().size() == 1) {
            Matcher m = PLATFORM.matcher(d.platforms().get(0));
            platformRelease = m.matches() ? m.group(1) : "";
        }
        // (release, stream, name) → arch → fixed builds, in the order the definition lists them
        Map<Target, Map<String, Set<String>>> fixes = new LinkedHashMap<>();
        walk(d.criteria(), new Scope(platformRelease, "", Optional.empty()), fixes);
        List<AffectedPackage> out = new ArrayList<>();
        fixes.forEach((target, byArch) -> {
            if (byArch.values().stream().distinct().count() == 1) {
                byArch.values().iterator().next().forEach(fixed -> out.add(row(id, d, target, target.name(), fixed)));
                return;
            }
            byArch.forEach((arch, builds) -> builds.forEach(fixed ->
                    out.add(row(id, d, target, arch.isEmpty() ? target.name() : target.name() + "." + arch, fixed))));
        });
        return out;
    }

    /** What the criteria above a package test said: the release, the architecture and the module stream. */
    private record Scope(String release, String arch, Optional<String> module) {
    }

    /** The rows of one binary rpm name in one release and stream. */
    private record Target(String release, Optional<String> module, String name) {
    }

    private static AffectedPackage row(String id, OvalDefinition d, Target target, String name, String fixed) {
        // a module build's context hash orders arbitrarily; the match rule compares without it on both sides
        String build = target.module().isPresent() ? ModuleStreams.withoutContext(fixed) : fixed;
        return new AffectedPackage(id, OracleOvalUpdater.NAME, OracleMatchRule.FAMILY + ":" + target.release(), name,
                RpmVersionScheme.NAME, AffectedStatus.FIXED, List.of(VersionRange.fixedIn(build)), List.of(),
                target.module(), d.severity());
    }

    private static void walk(Criteria c, Scope above, Map<Target, Map<String, Set<String>>> fixes) {
        String release = above.release();
        String arch = above.arch();
        Optional<String> module = above.module();
        for (Criterion criterion : c.criterions()) {
            Matcher m = RELEASE.matcher(criterion.comment());
            if (m.matches()) {
                release = m.group(1);
            }
            Matcher a = ARCH.matcher(criterion.comment());
            if (a.matches()) {
                arch = a.group(1);
            }
            Matcher s = MODULE.matcher(criterion.comment());
            if (s.matches()) {
                module = ModuleStreams.stream(s.group(1));
            }
        }
        for (Criterion criterion : c.criterions()) {
            Matcher m = EARLIER.matcher(criterion.comment());
            if (m.matches() && !release.isEmpty()) {
                fixes.computeIfAbsent(new Target(release, module, m.group(1)), k -> new LinkedHashMap<>())
                        .computeIfAbsent(arch, k -> new LinkedHashSet<>()).add(m.group(2));
            }
        }
        Scope here = new Scope(release, arch, module);
        for (Criteria child : c.criteria()) {
            walk(child, here, fixes);
        }
    }
}
