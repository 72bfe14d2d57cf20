package io.plimsoll.vuln.store;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side of the vulnerability database, as the matcher and reports use it. */
public interface VulnStore extends AutoCloseable {

    /** Every affected-package row for {@code name} in {@code namespace}, from all sources. */
    List<AffectedPackage> affected(String namespace, String name);

    Optional<Advisory> advisory(String source, String id);

    Optional<KevEntry> kev(String cve);

    Optional<EpssScore> epss(String cve);

    /** Enrichment CVSS assessments of a CVE (NVD). */
    List<Cvss> cvss(String cve);

    /**
     * Whether any source filled {@code namespace} ({@code rocky:10}) with at least one row: a release whose feed
     * publishes nothing for it is not "clean", it is unchecked. Stores that cannot tell say true, so that a gate
     * never refuses on a guess.
     */
    default boolean hasRows(String namespace) {
        return true;
    }

    /** {@link #affected(String, String)} for many names at once: one round trip instead of one per package. */
    default Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
        Map<String, List<AffectedPackage>> out = new HashMap<>();
        for (String n : names) {
            out.put(n, affected(namespace, n));
        }
        return out;
    }

    /** {@link #advisory} for many ids of one source; absent ids are left out. */
    default Map<String, Advisory> advisories(String source, Collection<String> ids) {
        Map<String, Advisory> out = new HashMap<>();
        for (String id : ids) {
            advisory(source, id).ifPresent(a -> out.put(id, a));
        }
        return out;
    }

    /** NVD CVSS, EPSS and KEV for many CVEs at once. */
    default Enrichment enrichment(Collection<String> cves) {
        Map<String, List<Cvss>> cvss = new HashMap<>();
        Map<String, EpssScore> epss = new HashMap<>();
        Map<String, KevEntry> kev = new HashMap<>();
        for (String cve : cves) {
            List<Cvss> c = cvss(cve);
            if (!c.isEmpty()) {
                cvss.put(cve, c);
            }
            epss(cve).ifPresent(e -> epss.put(cve, e));
            kev(cve).ifPresent(k -> kev.put(cve, k));
        }
        return new Enrichment(cvss, epss, kev);
    }

    /** Enrichment keyed by CVE id. */
    record Enrichment(Map<String, List<Cvss>> cvss, Map<String, EpssScore> epss, Map<String, KevEntry> kev) {
    }

    /** What each source last did: when, from where, how many records, whether it failed. */
    List<SourceStatus> sources();

    @Override
    void close();
}
