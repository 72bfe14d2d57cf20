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
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that keeps the affected rows it has read, so that advice, which needs every row of each vulnerable
 * package, reads none of them again after matching did (on a 1,000-package image the row lookups are most of
 * advice's time). Everything else goes straight to the store. For one command's run over unchanging data: it is
 * never invalidated.
 */
public final class RowCache implements VulnStore {

    private final VulnStore store;
    private final Map<String, Map<String, List<AffectedPackage>>> rows = new ConcurrentHashMap<>();

    public RowCache(VulnStore store) {
        this.store = store;
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return affected(namespace, List.of(name)).getOrDefault(name, List.of());
    }

    @Override
    public Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
        Map<String, List<AffectedPackage>> known = rows.computeIfAbsent(namespace, k -> new ConcurrentHashMap<>());
        List<String> missing = names.stream().filter(n -> !known.containsKey(n)).distinct().toList();
        if (!missing.isEmpty()) {
            Map<String, List<AffectedPackage>> read = store.affected(namespace, missing);
            for (String n : missing) {
                known.put(n, List.copyOf(read.getOrDefault(n, List.of())));
            }
        }
        Map<String, List<AffectedPackage>> out = new HashMap<>();
        for (String n : names) {
            out.put(n, known.get(n));
        }
        return out;
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        return store.advisory(source, id);
    }

    @Override
    public Map<String, Advisory> advisories(String source, Collection<String> ids) {
        return store.advisories(source, ids);
    }

    @Override
    public Enrichment enrichment(Collection<String> cves) {
        return store.enrichment(cves);
    }

    @Override
    public Optional<KevEntry> kev(String cve) {
        return store.kev(cve);
    }

    @Override
    public Optional<EpssScore> epss(String cve) {
        return store.epss(cve);
    }

    @Override
    public List<Cvss> cvss(String cve) {
        return store.cvss(cve);
    }

    @Override
    public List<SourceStatus> sources() {
        return store.sources();
    }

    /** The store stays open: whoever opened it closes it. */
    @Override
    public void close() {
    }
}
