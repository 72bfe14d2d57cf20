package io.plimsoll.vuln.match;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.store.VulnStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Matches packages against the vulnerability data: each {@link MatchRule} says where a package is filed, the store
 * gives that name's rows, and each row's own version scheme decides whether the installed version is affected.
 * No CPE guessing: a package is only matched under a namespace and name a rule vouches for.
 */
public final class Matcher {

    private final VulnStore store;
    private final List<MatchRule> rules;
    private final Function<String, Optional<VersionScheme>> schemes;

    public Matcher(VulnStore store, List<MatchRule> rules, Function<String, Optional<VersionScheme>> schemes) {
        this.store = store;
        this.rules = List.copyOf(rules);
        this.schemes = schemes;
    }

    /** Every finding for {@code packages}, sorted by package then advisory. */
    public List<Finding> match(List<Package> packages, Optional<Distro> distro) {
        Map<String, Advisory> advisories = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Package pkg : packages) {
            Map<String, Hit> hits = new LinkedHashMap<>();
            for (MatchRule rule : rules) {
                for (MatchQuery q : rule.queries(pkg, distro)) {
                    for (AffectedPackage row : store.affected(q.namespace(), q.name())) {
                        if (!rule.applies(row, pkg)) {
                            continue;
                        }
                        Optional<VersionScheme> scheme = schemes.apply(row.scheme());
                        if (scheme.isEmpty()) {
                            continue;
                        }
                        evaluate(row, q.version(), scheme.get()).ifPresent(h -> hits.merge(
                                row.source() + "\u0000" + row.advisoryId(), h.with(q, row, rule), Hit::merge));
                    }
                }
            }
            for (Hit hit : hits.values()) {
                Advisory advisory = advisories.computeIfAbsent(hit.row.source() + "\u0000" + hit.row.advisoryId(),
                        k -> store.advisory(hit.row.source(), hit.row.advisoryId())
                                .orElse(Advisory.of(hit.row.advisoryId(), hit.row.source())));
                findings.add(finding(pkg, hit, withNvdText(advisory, advisories)));
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.pkg().name()).thenComparing(f -> f.pkg().version())
                .thenComparing(f -> f.pkg().location()).thenComparing(f -> f.advisory().id()));
        return findings;
    }

    /** Fixed-only feeds (Alpine, Debian's short entries) carry no title or description: NVD's fills the gap. */
    private Advisory withNvdText(Advisory a, Map<String, Advisory> cache) {
        if (!a.description().isEmpty() || a.source().equals("nvd") || a.cveIds().isEmpty()) {
            return a;
        }
        String cve = a.cveIds().get(0);
        Advisory nvd = cache.computeIfAbsent("nvd\u0000" + cve,
                k -> store.advisory("nvd", cve).orElse(Advisory.of(cve, "nvd")));
        if (nvd.description().isEmpty()) {
            return a;
        }
        return new Advisory(a.id(), a.source(), a.aliases(), a.title().isEmpty() ? nvd.title() : a.title(),
                nvd.description(), a.published().or(nvd::published), a.modified(),
                a.references().isEmpty() ? nvd.references() : a.references(), a.sourceSeverity(), a.severity(),
                a.cvss());
    }

    /** Whether {@code version} is affected by {@code row}, and with which fixes above it. */
    static Optional<Hit> evaluate(AffectedPackage row, String version, VersionScheme scheme) {
        if (row.status() == AffectedStatus.NOT_AFFECTED) {
            return Optional.empty();
        }
        boolean affected = false;
        TreeSet<String> fixes = new TreeSet<>(scheme);
        for (VersionRange range : row.ranges()) {
            if (range.contains(version, scheme)) {
                affected = true;
                range.fixed().ifPresent(fixes::add);
            }
        }
        for (String v : row.versions()) {
            if (scheme.compare(v, version) == 0) {
                affected = true;
                break;
            }
        }
        if (row.ranges().isEmpty() && row.versions().isEmpty() && row.status() != AffectedStatus.FIXED) {
            affected = true;
        }
        if (!affected) {
            return Optional.empty();
        }
        if (fixes.isEmpty() && affected && row.status() == AffectedStatus.FIXED) {
            // listed as affected (versions or last_affected) with no fix above it: treat as open
            return Optional.of(new Hit(AffectedStatus.AFFECTED, fixes, row, null, null));
        }
        AffectedStatus status = fixes.isEmpty() ? row.status() : AffectedStatus.FIXED;
        return Optional.of(new Hit(status, fixes, row, null, null));
    }

    private Finding finding(Package pkg, Hit hit, Advisory advisory) {
        List<Cvss> cvss = new ArrayList<>(advisory.cvss());
        Optional<EpssScore> epss = Optional.empty();
        Optional<KevEntry> kev = Optional.empty();
        for (String cve : advisory.cveIds()) {
            cvss.addAll(store.cvss(cve));
            Optional<EpssScore> e = store.epss(cve);
            if (e.isPresent() && (epss.isEmpty() || e.get().score() > epss.get().score())) {
                epss = e;
            }
            if (kev.isEmpty()) {
                kev = store.kev(cve);
            }
        }
        Severity severity = Severity.parse(hit.row.severity());
        String severitySource = hit.row.source();
        if (severity == Severity.UNKNOWN) {
            severity = advisory.severity();
        }
        if (severity == Severity.UNKNOWN) {
            Optional<Cvss> best = new Finding(pkg, "", "", "", advisory, hit.status, List.of(), Severity.UNKNOWN, "",
                    cvss, epss, kev, "").bestCvss();
            if (best.isPresent()) {
                severity = Severity.ofCvssScore(best.get().score());
                severitySource = best.get().source().isEmpty() ? "cvss" : best.get().source();
            }
        }
        return new Finding(pkg, hit.row.namespace(), hit.row.name(), hit.query.version(), advisory, hit.status,
                List.copyOf(hit.fixes), severity, severitySource, cvss, epss, kev, hit.rule.name());
    }

    /** One advisory's verdict on one package, merged over the rows and rules that found it. */
    record Hit(AffectedStatus status, TreeSet<String> fixes, AffectedPackage row, MatchQuery query, MatchRule rule) {

        Hit with(MatchQuery q, AffectedPackage r, MatchRule ru) {
            return new Hit(status, fixes, r, q, ru);
        }

        Hit merge(Hit other) {
            TreeSet<String> all = new TreeSet<>(fixes.comparator());
            all.addAll(fixes);
            all.addAll(other.fixes);
            AffectedStatus s = !all.isEmpty() ? AffectedStatus.FIXED
                    : status.ordinal() <= other.status.ordinal() ? status : other.status;
            return new Hit(s, all, row, query, rule);
        }
    }
}
