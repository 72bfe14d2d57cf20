package io.plimsoll.vuln.match;

import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.match.Matcher.Hit;
import io.plimsoll.vuln.store.VulnStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps one finding per flaw where a feed lists one flaw under two ids for one package without saying they are
 * aliases: Wolfi's and Chainguard's secdb often name both {@code CVE-2021-44228} and {@code GHSA-jfh8-c2jp-5v3q} for
 * one build, and each would otherwise be a finding of its own, inflating counts, policy gates and the exit code.
 *
 * <p>What ties them is the rule's {@link MatchRule#aliasesFrom() alias source}: the GitHub advisory's own record
 * lists its CVE. A hit on such an id whose record names a CVE that the same feed also found for the same package is
 * folded into that CVE's hit, which keeps the CVE as its id, gains the other id as an alias, and keeps the feed's
 * fixes of both. Without the record (that ecosystem's advisories not loaded) both findings stay: one is never
 * dropped on a guess.
 */
final class AliasJoin {

    private AliasJoin() {
    }

    /** Folds, in each package's hits (keyed source and id, as the matcher keys them), the ids the records tie. */
    static void join(VulnStore store, Collection<Map<String, Hit>> hitsPerPackage) {
        Map<String, Set<String>> wanted = new HashMap<>(); // alias source → ids to look up there
        for (Map<String, Hit> hits : hitsPerPackage) {
            for (Hit h : hits.values()) {
                Optional<String> from = h.rule().aliasesFrom();
                if (from.isPresent() && !isCve(h.row().advisoryId())) {
                    wanted.computeIfAbsent(from.get(), k -> new HashSet<>()).add(h.row().advisoryId());
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, Advisory> records = new HashMap<>();
        wanted.forEach((from, ids) -> store.advisories(from, ids)
                .forEach((id, record) -> records.put(from + "\u0000" + id, record)));
        if (records.isEmpty()) {
            return;
        }
        for (Map<String, Hit> hits : hitsPerPackage) {
            fold(hits, records);
        }
    }

    private static void fold(Map<String, Hit> hits, Map<String, Advisory> records) {
        for (String key : List.copyOf(hits.keySet())) {
            Hit other = hits.get(key);
            Optional<String> from = other.rule().aliasesFrom();
            Advisory record = from.isEmpty() ? null : records.get(from.get() + "\u0000" + other.row().advisoryId());
            if (record == null) {
                continue;
            }
            for (String cve : record.cveIds()) {
                String cveKey = other.row().source() + "\u0000" + cve;
                Hit kept = hits.get(cveKey);
                if (kept != null && !cveKey.equals(key)) {
                    hits.put(cveKey, kept.absorb(other));
                    hits.remove(key);
                    break;
                }
            }
        }
    }

    /** {@code advisory} also named by {@code joined}, the ids folded into its hit for this package. */
    static Advisory withAliases(Advisory advisory, List<String> joined) {
        if (joined.isEmpty()) {
            return advisory;
        }
        List<String> aliases = new ArrayList<>(advisory.aliases());
        aliases.addAll(joined);
        return new Advisory(advisory.id(), advisory.source(), aliases, advisory.title(), advisory.description(),
                advisory.published(), advisory.modified(), advisory.references(), advisory.sourceSeverity(),
                advisory.severity(), advisory.cvss());
    }

    private static boolean isCve(String id) {
        return id.regionMatches(true, 0, "CVE-", 0, 4);
    }
}
