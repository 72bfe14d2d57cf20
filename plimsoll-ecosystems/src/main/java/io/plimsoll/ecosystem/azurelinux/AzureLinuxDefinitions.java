package io.plimsoll.ecosystem.azurelinux;

import io.plimsoll.ecosystem.oval.OvalDefinition;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criteria;
import io.plimsoll.ecosystem.oval.OvalDefinition.Criterion;
import io.plimsoll.ecosystem.oval.RpmInfoTest;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Azure Linux / CBL-Mariner OVAL definition → an advisory named by its CVE and a row per source package.
 *
 * <p>Each definition is one CVE in one source package (Microsoft's OVAL names source packages only). Its rpminfo
 * states bound the affected builds: {@code less than} the first fixed build, {@code less than or equal} the last
 * affected one when no fix exists yet ({@code patchable} false), and sometimes {@code greater than} a lower bound
 * (usually {@code 0:0.0.0}, i.e. none). OVAL's lower bound is exclusive while a row's {@code introduced} is inclusive:
 * only the bound build itself is read differently, and Microsoft's bounds are builds that were never shipped.
 */
final class AzureLinuxDefinitions {

    record Read(Advisory advisory, List<AffectedPackage> affected) {
    }

    private AzureLinuxDefinitions() {
    }

    static Read read(OvalDefinition d, String namespace, Map<String, RpmInfoTest> tests) {
        String cve = cveOf(d);
        Advisory advisory = new Advisory(cve, AzureLinuxOvalUpdater.NAME, List.of(), d.title(), d.description(),
                date(d.issued()), Optional.empty(),
                d.references().stream().map(OvalDefinition.Reference::url).filter(u -> !u.isBlank()).toList(),
                d.severity(), Severity.parse(d.severity()), List.of());
        Map<String, Bounds> byPackage = new LinkedHashMap<>();
        collect(d.criteria(), tests, byPackage);
        List<AffectedPackage> out = new ArrayList<>();
        byPackage.forEach((name, b) -> {
            if (b.fixed != null) {
                out.add(row(cve, namespace, name, AffectedStatus.FIXED, VersionRange.of(b.introduced, b.fixed, null),
                        d.severity()));
            } else if (b.lastAffected != null) {
                out.add(row(cve, namespace, name, AffectedStatus.AFFECTED,
                        VersionRange.of(b.introduced, null, b.lastAffected), d.severity()));
            }
        });
        return new Read(advisory, out);
    }

    private static AffectedPackage row(String cve, String namespace, String name, AffectedStatus status,
                                       VersionRange range, String severity) {
        return new AffectedPackage(cve, AzureLinuxOvalUpdater.NAME, namespace, name, RpmVersionScheme.NAME, status,
                List.of(range), List.of(), Optional.empty(), severity);
    }

    /** The CVE the definition is about: its CVE reference, else the title's first word. */
    static String cveOf(OvalDefinition d) {
        for (OvalDefinition.Reference ref : d.references()) {
            if (ref.source().equalsIgnoreCase("CVE") && !ref.refId().isBlank()) {
                return ref.refId().strip();
            }
        }
        String title = d.title().strip();
        int space = title.indexOf(' ');
        return space > 0 ? title.substring(0, space) : d.id();
    }

    private static final class Bounds {
        String introduced;
        String fixed;
        String lastAffected;
    }

    private static void collect(Criteria c, Map<String, RpmInfoTest> tests, Map<String, Bounds> out) {
        for (Criterion criterion : c.criterions()) {
            RpmInfoTest t = tests.get(criterion.testRef());
            if (t == null || t.name().isEmpty() || t.evr().isEmpty()) {
                continue;
            }
            Bounds b = out.computeIfAbsent(t.name(), n -> new Bounds());
            switch (t.operation()) {
                case "less than" -> b.fixed = t.evr();
                case "less than or equal" -> b.lastAffected = t.evr();
                case "greater than", "greater than or equal" -> b.introduced = isZero(t.evr()) ? null : t.evr();
                default -> {
                    // equals, pattern match: not a range Plimsoll can use
                }
            }
        }
        for (Criteria child : c.criteria()) {
            collect(child, tests, out);
        }
    }

    /** {@code 0:0.0.0.azl3}, {@code 0:0-0}: no lower bound at all. */
    private static boolean isZero(String evr) {
        return evr.replaceAll("\\.(azl|cm)\\d+$", "").matches("(0:)?[0.\\-]+");
    }

    private static Optional<Instant> date(String written) {
        try {
            return written.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(written));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
