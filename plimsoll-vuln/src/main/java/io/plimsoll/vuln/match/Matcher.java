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

    /**
     * Every finding for {@code packages}, sorted by package then advisory. The store is asked in batches (rows per
     * namespace, advisories per source, enrichment per CVE) rather than once per package, which keeps a
     * thousand-package image in a few round trips.
     */
    public List<Finding> match(List<Package> packages, Optional<Distro> distro) {
        record Lookup(Package pkg, MatchRule rule, MatchQuery query) {
        }
        List<Lookup> lookups = new ArrayList<>();
        Map<String, java.util.Set<String>> namesByNamespace = new LinkedHashMap<>();
        for (Package pkg : packages) {
            for (MatchRule rule : rules) {
                for (MatchQuery q : rule.queries(pkg, distro)) {
                    lookups.add(new Lookup(pkg, rule, q));
                    namesByNamespace.computeIfAbsent(q.namespace(), k -> new java.util.LinkedHashSet<>()).add(q.name());
                }
            }
        }
        Map<String, Map<String, List<AffectedPackage>>> rows = new HashMap<>();
        namesByNamespace.forEach((ns, names) -> rows.put(ns, store.affected(ns, names)));

        // one advisory's verdict per package, merged over the rows and rules that found it
        // identity, not equals: a record's hash covers its file list, and two equal records are still two packages
        Map<Package, Map<String, Hit>> hitsByPackage = new java.util.IdentityHashMap<>();
        for (Lookup l : lookups) {
            Map<String, Hit> hits = hitsByPackage.computeIfAbsent(l.pkg(), k -> new LinkedHashMap<>());
            for (AffectedPackage row : rows.get(l.query().namespace()).getOrDefault(l.query().name(), List.of())) {
                if (!l.rule().applies(row, l.pkg())) {
                    continue;
                }
                Optional<VersionScheme> scheme = schemes.apply(row.scheme());
                if (scheme.isEmpty()) {
                    continue;
                }
                evaluate(row, l.query().version(), scheme.get()).ifPresent(h -> hits.merge(
                        row.source() + "\u0000" + row.advisoryId(), h.with(l.query(), row, l.rule()), Hit::merge));
            }
        }

        AliasJoin.join(store, hitsByPackage.values());

        Map<String, java.util.Set<String>> idsBySource = new HashMap<>();
        hitsByPackage.values().forEach(hits -> hits.values().forEach(h ->
                idsBySource.computeIfAbsent(h.row.source(), k -> new java.util.HashSet<>()).add(h.row.advisoryId())));
        Map<String, Advisory> advisories = new HashMap<>();
        idsBySource.forEach((source, ids) -> store.advisories(source, ids)
                .forEach((id, a) -> advisories.put(source + "\u0000" + id, a)));
        java.util.Set<String> cves = new java.util.HashSet<>();
        java.util.Set<String> needText = new java.util.HashSet<>();
        for (Map<String, Hit> hits : hitsByPackage.values()) {
            for (Hit h : hits.values()) {
                Advisory a = advisories.computeIfAbsent(h.row.source() + "\u0000" + h.row.advisoryId(),
                        k -> Advisory.of(h.row.advisoryId(), h.row.source()));
                cves.addAll(a.cveIds());
                if (a.description().isEmpty() && !a.cveIds().isEmpty()) {
                    needText.add(a.cveIds().get(0));
                }
            }
        }
        VulnStore.Enrichment enrichment = store.enrichment(cves);
        Map<String, Advisory> nvd = needText.isEmpty() ? Map.of() : store.advisories("nvd", needText);

        List<Finding> findings = new ArrayList<>();
        for (Package pkg : packages) {
            List<AliasFold.Candidate> foldable = new ArrayList<>();
            for (Hit hit : hitsByPackage.getOrDefault(pkg, Map.of()).values()) {
                Advisory advisory = withNvdText(AliasJoin.withAliases(
                        advisories.get(hit.row.source() + "\u0000" + hit.row.advisoryId()), hit.joined), nvd);
                Finding f = finding(pkg, hit, advisory, enrichment);
                if (hit.rule.foldsNamedAliases()) {
                    foldable.add(new AliasFold.Candidate(f, hit.fixes.comparator()));
                } else {
                    findings.add(f);
                }
            }
            findings.addAll(AliasFold.fold(foldable));
        }
        findings.sort(Finding.REPORT_ORDER);
        return findings;
    }

    /** Fixed-only feeds (Alpine, Debian's short entries) carry no title or description: NVD's fills the gap. */
    private static Advisory withNvdText(Advisory a, Map<String, Advisory> nvdByCve) {
        if (!a.description().isEmpty() || a.source().equals("nvd") || a.cveIds().isEmpty()) {
            return a;
        }
        Advisory nvd = nvdByCve.get(a.cveIds().get(0));
        if (nvd == null || nvd.description().isEmpty()) {
            return a;
        }
        return new Advisory(a.id(), a.source(), a.aliases(), a.title().isEmpty() ? nvd.title() : a.title(),
                nvd.description(), a.published().or(nvd::published), a.modified(),
                a.references().isEmpty() ? nvd.references() : a.references(), a.sourceSeverity(), a.severity(),
                a.cvss());
    }

    /**
     * Whether {@code row} affects {@code version}, by exactly the rule matching uses: what advice asks of every
     * candidate upgrade, so that a target it calls clean is one a later scan would find clean.
     */
    public static boolean affects(AffectedPackage row, String version, VersionScheme scheme) {
        return evaluate(row, version, scheme).isPresent();
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
        if (fixes.isEmpty() && row.status() == AffectedStatus.FIXED) {
            // listed as affected (versions or last_affected) with no fix above it: treat as open
            return Optional.of(new Hit(AffectedStatus.AFFECTED, fixes, row, null, null, List.of()));
        }
        AffectedStatus status = fixes.isEmpty() ? row.status() : AffectedStatus.FIXED;
        return Optional.of(new Hit(status, fixes, row, null, null, List.of()));
    }

    private static Finding finding(Package pkg, Hit hit, Advisory advisory, VulnStore.Enrichment enrichment) {
        List<Cvss> cvss = new ArrayList<>(advisory.cvss());
        Optional<EpssScore> epss = Optional.empty();
        Optional<KevEntry> kev = Optional.empty();
        for (String cve : advisory.cveIds()) {
            cvss.addAll(enrichment.cvss().getOrDefault(cve, List.of()));
            Optional<EpssScore> e = Optional.ofNullable(enrichment.epss().get(cve));
            if (e.isPresent() && (epss.isEmpty() || e.get().score() > epss.get().score())) {
                epss = e;
            }
            if (kev.isEmpty()) {
                kev = Optional.ofNullable(enrichment.kev().get(cve));
            }
        }
        Severity severity = Severity.parse(hit.row.severity());
        String severitySource = hit.row.source();
        if (severity == Severity.UNKNOWN) {
            severity = advisory.severity();
        }
        if (severity == Severity.UNKNOWN) {
            Optional<Cvss> best = Finding.bestOf(cvss);
            if (best.isPresent()) {
                severity = Severity.ofCvssScore(best.get().score());
                severitySource = best.get().source().isEmpty() ? "cvss" : best.get().source();
            }
        }
        return new Finding(pkg, hit.row.namespace(), hit.row.name(), hit.query.version(), advisory, hit.status,
                List.copyOf(hit.fixes), severity, severitySource, cvss, epss, kev, hit.rule.name());
    }

    /**
     * One advisory's verdict on one package, merged over the rows and rules that found it; {@code joined} are the
     * ids of the same flaw whose hits {@link AliasJoin} folded into this one.
     */
    record Hit(AffectedStatus status, TreeSet<String> fixes, AffectedPackage row, MatchQuery query, MatchRule rule,
               List<String> joined) {

        Hit with(MatchQuery q, AffectedPackage r, MatchRule ru) {
            return new Hit(status, fixes, r, q, ru, joined);
        }

        Hit merge(Hit other) {
            TreeSet<String> all = new TreeSet<>(fixes.comparator());
            all.addAll(fixes);
            all.addAll(other.fixes);
            AffectedStatus s = !all.isEmpty() ? AffectedStatus.FIXED
                    : status.ordinal() <= other.status.ordinal() ? status : other.status;
            return new Hit(s, all, row, query, rule, joined);
        }

        /** This hit with {@code other}, another id of the same flaw, folded in: its fixes and its id. */
        Hit absorb(Hit other) {
            List<String> ids = new ArrayList<>(joined);
            ids.add(other.row.advisoryId());
            ids.addAll(other.joined);
            Hit merged = merge(other);
            return new Hit(merged.status, merged.fixes, row, query, rule, List.copyOf(ids));
        }
    }
}
