package io.plimsoll.vuln.match;

import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps one finding per flaw where one database holds several records of it that say so themselves: OSV's PyPI data
 * has PyPA's {@code PYSEC-2021-871} and GitHub's {@code GHSA-hwqr-f3v9-hwxr}, Go's has {@code GO-…} and the GHSA, each
 * listing the other and the CVE in {@code aliases}. Without this a package gets one finding per record: two report
 * lines for one flaw, counted twice by policy gates, SARIF and the server's reports.
 *
 * <p>Two findings of one package (same namespace, name and compared version: both records found it affected) are
 * one flaw when their records name each other or name one CVE. Nothing else ties them: records that do not, stay
 * apart, and so do the findings of two packages. A group is grown only by a record tied to every record already in
 * it, so a record naming two CVEs cannot join the records of each CVE into one.
 *
 * <p>What the folded finding says (see {@link #primaryId}, {@link #fixes} for the id and the fixed version):
 * the highest severity of its records (never lose a critical), their CVSS, EPSS and KEV together, and every id and
 * alias of every record as its aliases, so VEX, ignore files, allowlists and baselines naming any of them still apply.
 */
final class AliasFold {

    /** One finding before folding, with the order of its package's versions (to merge fixed versions by). */
    record Candidate(Finding finding, Comparator<? super String> scheme) {
    }

    private AliasFold() {
    }

    /** {@code candidates} (one package's findings, by rules whose records name their aliases), one per flaw. */
    static List<Finding> fold(List<Candidate> candidates) {
        if (candidates.size() < 2 || !anyNameShared(candidates)) {
            return candidates.stream().map(Candidate::finding).toList(); // nearly every package: nothing to fold
        }
        List<Named> ordered = new ArrayList<>(candidates.stream().map(Named::of).toList());
        ordered.sort(Comparator.comparing((Named n) -> n.candidate().finding().advisory().id(),
                AliasFold::byPreference));
        List<List<Named>> groups = new ArrayList<>();
        for (Named c : ordered) {
            List<Named> home = null;
            for (List<Named> g : groups) {
                if (g.stream().allMatch(member -> member.sameFlaw(c))) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                groups.add(home = new ArrayList<>());
            }
            home.add(c);
        }
        List<Finding> out = new ArrayList<>(groups.size());
        for (List<Named> g : groups) {
            out.add(g.size() == 1 ? g.get(0).candidate().finding()
                    : merge(g.stream().map(Named::candidate).toList()));
        }
        return out;
    }

    /** Whether any id or alias occurs in two of the records: without that none can name another. */
    private static boolean anyNameShared(List<Candidate> candidates) {
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            for (String name : c.finding().advisory().ids().all()) {
                if (!seen.add(name.toUpperCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A finding's record id and its names (id and aliases), upper-cased once: ids are compared ignoring case. */
    private record Named(Candidate candidate, String id, Set<String> names) {

        static Named of(Candidate c) {
            Set<String> names = new HashSet<>();
            c.finding().advisory().ids().all().forEach(n -> names.add(n.toUpperCase(Locale.ROOT)));
            return new Named(c, c.finding().advisory().id().toUpperCase(Locale.ROOT), names);
        }

        /** One package and one compared version, and records that name each other or name one CVE. */
        boolean sameFlaw(Named other) {
            Finding a = candidate.finding();
            Finding b = other.candidate.finding();
            if (!a.namespace().equals(b.namespace()) || !a.matchedName().equals(b.matchedName())
                    || !a.matchedVersion().equals(b.matchedVersion())) {
                return false;
            }
            if (names.contains(other.id) || other.names.contains(id)) {
                return true;
            }
            for (String name : names) {
                if (name.startsWith("CVE-") && other.names.contains(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The records of a group in the order their text is used: the ecosystem's own database before GitHub's, since
     * that database is the one the zip is named for, keeps the ecosystem's ranges (PyPA against PyPI's releases, Go's
     * by module and package path) and is the id the ecosystem's own tools print ({@code pip-audit},
     * {@code govulncheck}); GHSA mirrors every ecosystem. Then by id, for a stable order.
     */
    private static int byPreference(String a, String b) {
        int byKind = Integer.compare(kind(a), kind(b));
        return byKind != 0 ? byKind : a.compareTo(b);
    }

    private static int kind(String id) {
        String upper = id.toUpperCase(Locale.ROOT);
        return upper.startsWith("CVE-") ? 0 : upper.startsWith("GHSA-") ? 2 : 1;
    }

    /**
     * The id a folded finding is shown under: the CVE its records name, as Trivy does and as Plimsoll does for
     * Wolfi's CVE/GHSA pairs, because the CVE is what NVD, KEV, EPSS, vendors' VEX and people search by; the one most
     * of the records name when they name several (on a tie, the first in sort order). Without a CVE, the ecosystem's
     * own database id ({@code PYSEC}, {@code GO}, {@code RUSTSEC}) over the GHSA, for the reasons of
     * {@link #byPreference}.
     */
    static String primaryId(List<Advisory> records) {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (Advisory a : records) {
            for (String cve : a.cveIds()) {
                named.merge(cve, 1, Integer::sum);
            }
        }
        Optional<String> cve = named.entrySet().stream()
                .max(Comparator.comparing(Map.Entry<String, Integer>::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
        return cve.orElse(records.get(0).id());
    }

    private static Finding merge(List<Candidate> group) {
        Finding first = group.get(0).finding();
        List<Advisory> records = group.stream().map(c -> c.finding().advisory()).toList();
        String id = primaryId(records);

        Set<String> aliases = new LinkedHashSet<>();
        records.forEach(a -> aliases.add(a.id()));
        records.forEach(a -> aliases.addAll(a.aliases()));
        aliases.remove(id);
        Advisory worst = records.stream().max(Comparator.comparing(Advisory::severity)).orElseThrow();
        Advisory advisory = new Advisory(id, first.advisory().source(), List.copyOf(aliases),
                firstNonEmpty(records.stream().map(Advisory::title).toList()),
                firstNonEmpty(records.stream().map(Advisory::description).toList()),
                records.stream().map(Advisory::published).flatMap(Optional::stream).min(Instant::compareTo),
                records.stream().map(Advisory::modified).flatMap(Optional::stream).max(Instant::compareTo),
                records.stream().flatMap(a -> a.references().stream()).distinct().toList(),
                worst.sourceSeverity(), worst.severity(),
                records.stream().flatMap(a -> a.cvss().stream()).distinct().toList());

        Finding severest = group.stream().map(Candidate::finding).max(Comparator.comparing(Finding::severity))
                .orElseThrow();
        List<Cvss> cvss = group.stream().flatMap(c -> c.finding().cvss().stream()).distinct().toList();
        Optional<EpssScore> epss = group.stream().map(c -> c.finding().epss()).flatMap(Optional::stream)
                .max(Comparator.comparingDouble(EpssScore::score));
        Optional<KevEntry> kev = group.stream().map(c -> c.finding().kev()).flatMap(Optional::stream).findFirst();
        List<String> fixes = fixes(group);
        AffectedStatus status = !fixes.isEmpty() ? AffectedStatus.FIXED : group.stream()
                .map(c -> c.finding().status()).min(Comparator.naturalOrder()).orElseThrow();
        return new Finding(first.pkg(), first.namespace(), first.matchedName(), first.matchedVersion(), advisory,
                status, fixes, severest.severity(), severest.severitySource(), cvss, epss, kev, first.matchedBy());
    }

    /**
     * Every record's fixes above the installed version, nearest first, so the finding's fixed version is the earliest
     * one any record names: when records of one flaw disagree, one usually lists the fix on the installed version's
     * own branch (a backport) and the other only the later release line, and the nearest is the upgrade that record
     * vouches for. It is only what the finding shows: fix advice checks each record's own ranges against every
     * candidate, so a version one of the records still calls affected is never offered as clean.
     */
    private static List<String> fixes(List<Candidate> group) {
        TreeSet<String> all = new TreeSet<>(group.get(0).scheme());
        group.forEach(c -> all.addAll(c.finding().fixedVersions()));
        return List.copyOf(all);
    }

    private static String firstNonEmpty(List<String> texts) {
        return texts.stream().filter(t -> !t.isEmpty()).findFirst().orElse("");
    }
}
