package io.plimsoll.vuln.advice;

import io.plimsoll.catalog.Package;
import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.MatchRule;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.store.VulnStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Computes the minimal upgrade per vulnerable package. Not the nearest fix of each finding: a version that fixes one
 * advisory may be affected by another (log4j-core 2.15.0 fixes CVE-2021-44228, not CVE-2021-45046). So every fixed
 * version the data names for the package above the installed one is a candidate, in the package's own version
 * order, and the target is the smallest that none of the package's rows affects. When none is clean, the target is
 * the candidate that clears the most of the package's findings (then the one fewest advisories still affect, then the
 * smallest), with what remains. A pre-release (in the package's scheme) is the target only when no release is as
 * good, or when the installed version is itself one: package managers do not pick pre-releases unless asked, and a
 * user on releases should not be told to leave them for the same findings.
 */
public final class Advisor {

    private final VulnStore store;
    private final Map<String, MatchRule> rules = new HashMap<>();
    private final Function<String, Optional<VersionScheme>> schemes;
    private final UpgradeCommand commands;

    /** @param commands the upgrade command of any package (the ecosystems' descriptors give them) */
    public Advisor(VulnStore store, List<MatchRule> rules, Function<String, Optional<VersionScheme>> schemes,
                   UpgradeCommand commands) {
        this.store = store;
        rules.forEach(r -> this.rules.putIfAbsent(r.name(), r));
        this.schemes = schemes;
        this.commands = commands;
    }

    /** The advice for {@code findings} of {@code image}, whose first layers {@code base} says are the base's. */
    public Advice advise(Image image, List<Finding> findings, BaseImage base) {
        return advise(image.layers(), findings, base);
    }

    /**
     * The advice for findings of an image known by its layers only (none: a server's indexed manifest, whose
     * packages still carry the step that made their layer).
     */
    public Advice advise(List<Layer> layers, List<Finding> findings, BaseImage base) {
        record Subject(String namespace, String name, String version) {
        }
        // identity: two equal package records are still two packages (see Matcher)
        Map<Package, Map<Subject, List<Finding>>> bySubject = new IdentityHashMap<>();
        List<Package> order = new ArrayList<>();
        Map<String, Set<String>> namesByNamespace = new LinkedHashMap<>();
        for (Finding f : findings) {
            Map<Subject, List<Finding>> subjects = bySubject.computeIfAbsent(f.pkg(), p -> {
                order.add(p);
                return new LinkedHashMap<>();
            });
            subjects.computeIfAbsent(new Subject(f.namespace(), f.matchedName(), f.matchedVersion()),
                    k -> new ArrayList<>()).add(f);
            namesByNamespace.computeIfAbsent(f.namespace(), k -> new LinkedHashSet<>()).add(f.matchedName());
        }
        Map<String, Map<String, List<AffectedPackage>>> rows = new HashMap<>();
        namesByNamespace.forEach((ns, names) -> rows.put(ns, store.affected(ns, names)));

        List<PackageAdvice> out = new ArrayList<>();
        for (Package pkg : order) {
            LayerOrigin origin = LayerOrigin.of(layers, pkg, base);
            bySubject.get(pkg).forEach((s, fs) -> {
                List<AffectedPackage> applicable = rows.get(s.namespace()).getOrDefault(s.name(), List.of()).stream()
                        .filter(r -> schemes.apply(r.scheme()).isPresent())
                        .filter(r -> Optional.ofNullable(rules.get(fs.get(0).matchedBy()))
                                .map(rule -> rule.applies(r, pkg)).orElse(true))
                        .toList();
                Optional<UpgradeTarget> target = target(s.version(), applicable, fs);
                Optional<String> nearest = nearestFix(fs, applicable);
                out.add(new PackageAdvice(pkg, s.namespace(), s.name(), s.version(), fs, target, nearest, origin,
                        target.map(t -> commands.of(pkg, s.name(), t.version()))));
            });
        }
        return new Advice(base, out);
    }

    /** The smallest clean candidate, else the one that clears most; empty when no fix above {@code installed}. */
    private Optional<UpgradeTarget> target(String installed, List<AffectedPackage> rows, List<Finding> findings) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        VersionScheme scheme = schemes.apply(rows.get(0).scheme()).orElseThrow();
        TreeSet<String> candidates = new TreeSet<>(scheme);
        for (AffectedPackage row : rows) {
            for (VersionRange range : row.ranges()) {
                range.fixed().filter(v -> scheme.compare(v, installed) > 0).ifPresent(candidates::add);
            }
        }
        List<VersionScheme> rowSchemes = rows.stream().map(r -> schemes.apply(r.scheme()).orElseThrow()).toList();
        boolean onReleases = !scheme.isPreRelease(installed);
        UpgradeTarget best = null;
        UpgradeTarget bestRelease = null;
        for (String candidate : candidates) {
            UpgradeTarget t = evaluate(candidate, rows, rowSchemes, findings);
            boolean release = !onReleases || !scheme.isPreRelease(candidate);
            if (t.clean() && release) {
                return Optional.of(t);
            }
            if (best == null || BETTER.compare(t, best) < 0) {
                best = t;
            }
            if (release && (bestRelease == null || BETTER.compare(t, bestRelease) < 0)) {
                bestRelease = t;
            }
        }
        // a pre-release only when it does strictly better than every release (then the smallest such)
        return Optional.ofNullable(bestRelease != null && BETTER.compare(best, bestRelease) >= 0 ? bestRelease
                : best);
    }

    private static UpgradeTarget evaluate(String candidate, List<AffectedPackage> rows, List<VersionScheme> schemes,
                                          List<Finding> findings) {
        Set<String> affecting = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            AffectedPackage row = rows.get(i);
            if (Matcher.affects(row, candidate, schemes.get(i))) {
                affecting.add(key(row.source(), row.advisoryId()));
            }
        }
        List<String> clears = findings.stream().filter(f -> !affects(affecting, f)).map(f -> f.advisory().id())
                .toList();
        List<String> remaining = new ArrayList<>();
        for (String k : affecting) {
            String id = k.substring(k.indexOf('\u0000') + 1);
            // a record folded into a finding of another id (see Matcher) remains under the finding's id
            String shown = findings.stream().filter(f -> f.advisory().ids().matches(id)
                    && k.startsWith(f.advisory().source() + "\u0000")).map(f -> f.advisory().id()).findFirst()
                    .orElse(id);
            if (!remaining.contains(shown)) {
                remaining.add(shown);
            }
        }
        return new UpgradeTarget(candidate, clears, remaining);
    }

    /**
     * Whether a record of {@code f} still affects the candidate: by its id, or by an alias for a finding that holds
     * several records of one flaw (the matcher keeps one finding for them, under the CVE they share).
     */
    private static boolean affects(Set<String> affecting, Finding f) {
        for (String id : f.advisory().ids().all()) {
            if (affecting.contains(key(f.advisory().source(), id))) {
                return true;
            }
        }
        return false;
    }

    /** Most findings cleared, then fewest advisories remaining; candidates arrive smallest first, so ties keep it. */
    private static final Comparator<UpgradeTarget> BETTER = Comparator
            .comparing((UpgradeTarget t) -> -t.clears().size()).thenComparing(t -> t.remaining().size());

    /** The highest of the findings' nearest fixes, in the package's scheme. */
    private Optional<String> nearestFix(List<Finding> findings, List<AffectedPackage> rows) {
        Comparator<String> order = rows.isEmpty() ? Comparator.naturalOrder()
                : schemes.apply(rows.get(0).scheme()).orElseThrow();
        return findings.stream().map(Finding::nearestFix).flatMap(Optional::stream).max(order);
    }

    private static String key(String source, String id) {
        return source + "\u0000" + id;
    }

}
