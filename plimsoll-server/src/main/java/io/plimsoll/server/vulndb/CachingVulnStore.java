package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.UncheckedStoreException;
import io.plimsoll.vuln.store.VulnStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * {@link PostgresVulnStore} with an in-process cache of decoded rows, for the vulnerability-report hot path: most
 * of a manifest's packages were looked up by an earlier report, and most have no rows at all (cached too).
 *
 * <p>Every call first reads the data version — each source's last successful update and content fingerprint from
 * {@code vuln_source}, a handful of rows — and starts a fresh cache when it changed, so a report always sees the
 * data of the last committed update, whichever replica made it. The version is read before the rows, so a cached
 * row is never older than the version it is filed under. When a cache generation exceeds {@code maxEntries} it is
 * emptied (simpler than LRU, and rare: the bound is sized for the whole working set).
 */
public final class CachingVulnStore implements VulnStore {

    /** The data version: changes with every committed update of any source (read by the matcher's report cache too). */
    public static final String VERSION_QUERY = "SELECT coalesce(string_agg(name || '@' || fetched_at::text || '#' || checksum,"
            + " ',' ORDER BY name), '') FROM vuln_source WHERE fetched_at IS NOT NULL";

    private final DataSource dataSource;
    private final PostgresVulnStore store;
    private final int maxEntries;
    private final AtomicReference<Generation> current = new AtomicReference<>(new Generation("\u0000"));

    /** One data version's cached rows; a new version gets a new generation and the old one is dropped whole. */
    private static final class Generation {
        final String version;
        final Map<String, List<AffectedPackage>> affected = new ConcurrentHashMap<>();
        final Map<String, Optional<Advisory>> advisories = new ConcurrentHashMap<>();
        final Map<String, Enriched> enrichment = new ConcurrentHashMap<>();

        Generation(String version) {
            this.version = version;
        }
    }

    private record Enriched(List<Cvss> cvss, Optional<EpssScore> epss, Optional<KevEntry> kev) {
    }

    /** @param maxEntries cached keys per kind (affected names, advisories, CVEs) before the cache is emptied */
    public CachingVulnStore(DataSource dataSource, int maxEntries) {
        this.dataSource = dataSource;
        this.store = new PostgresVulnStore(dataSource);
        this.maxEntries = Math.max(1, maxEntries);
    }

    private Generation generation() {
        String version;
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(VERSION_QUERY);
             ResultSet rs = p.executeQuery()) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new UncheckedStoreException(new io.plimsoll.vuln.store.StoreException(java.nio.file.Path.of("postgresql"),
                    "cannot read the data version: " + e.getMessage(), e));
        }
        Generation g = current.get();
        if (g.version.equals(version)) {
            return g;
        }
        Generation fresh = new Generation(version);
        current.compareAndSet(g, fresh);
        return fresh;
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return affected(namespace, List.of(name)).get(name);
    }

    @Override
    public Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
        Generation g = generation();
        Map<String, List<AffectedPackage>> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            List<AffectedPackage> hit = g.affected.get(namespace + '\u0000' + n);
            if (hit != null) {
                out.put(n, hit);
            } else {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            bound(g.affected);
            store.affected(namespace, missing).forEach((n, rows) -> {
                List<AffectedPackage> frozen = List.copyOf(rows);
                g.affected.put(namespace + '\u0000' + n, frozen);
                out.put(n, frozen);
            });
        }
        return out;
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        return Optional.ofNullable(advisories(source, List.of(id)).get(id));
    }

    @Override
    public Map<String, Advisory> advisories(String source, Collection<String> ids) {
        Generation g = generation();
        Map<String, Advisory> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Optional<Advisory> hit = g.advisories.get(source + '\u0000' + id);
            if (hit == null) {
                missing.add(id);
            } else {
                hit.ifPresent(a -> out.put(id, a));
            }
        }
        if (!missing.isEmpty()) {
            bound(g.advisories);
            Map<String, Advisory> found = store.advisories(source, missing);
            for (String id : missing) {
                Advisory a = found.get(id);
                g.advisories.put(source + '\u0000' + id, Optional.ofNullable(a));
                if (a != null) {
                    out.put(id, a);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<KevEntry> kev(String cve) {
        return Optional.ofNullable(enrichment(List.of(cve)).kev().get(cve));
    }

    @Override
    public Optional<EpssScore> epss(String cve) {
        return Optional.ofNullable(enrichment(List.of(cve)).epss().get(cve));
    }

    @Override
    public List<Cvss> cvss(String cve) {
        return enrichment(List.of(cve)).cvss().getOrDefault(cve, List.of());
    }

    @Override
    public Enrichment enrichment(Collection<String> cves) {
        Generation g = generation();
        Map<String, Enriched> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String cve : cves) {
            Enriched hit = g.enrichment.get(cve);
            if (hit == null) {
                missing.add(cve);
            } else {
                found.put(cve, hit);
            }
        }
        if (!missing.isEmpty()) {
            bound(g.enrichment);
            Enrichment e = store.enrichment(missing);
            for (String cve : missing) {
                Enriched x = new Enriched(List.copyOf(e.cvss().getOrDefault(cve, List.of())),
                        Optional.ofNullable(e.epss().get(cve)), Optional.ofNullable(e.kev().get(cve)));
                g.enrichment.put(cve, x);
                found.put(cve, x);
            }
        }
        Map<String, List<Cvss>> cvss = new HashMap<>();
        Map<String, EpssScore> epss = new HashMap<>();
        Map<String, KevEntry> kev = new HashMap<>();
        found.forEach((cve, e) -> {
            if (!e.cvss().isEmpty()) {
                cvss.put(cve, e.cvss());
            }
            e.epss().ifPresent(x -> epss.put(cve, x));
            e.kev().ifPresent(x -> kev.put(cve, x));
        });
        return new Enrichment(cvss, epss, kev);
    }

    @Override
    public List<SourceStatus> sources() {
        return store.sources();
    }

    private void bound(Map<String, ?> map) {
        if (map.size() >= maxEntries) {
            map.clear();
        }
    }

    @Override
    public void close() {
        current.set(new Generation("\u0000"));
    }
}
