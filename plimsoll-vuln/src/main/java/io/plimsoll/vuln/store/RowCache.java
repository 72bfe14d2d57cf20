package io.plimsoll.vuln.store;

import io.plimsoll.vuln.AffectedPackage;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that keeps the affected rows it has read, so that advice, which needs every row of each vulnerable
 * package, reads none of them again after matching did (on a 1,000-package image the row lookups are most of
 * advice's time). Everything else goes straight to the store. For one command's run over unchanging data: it is
 * never invalidated.
 */
public final class RowCache extends ForwardingVulnStore {

    private final Map<String, Map<String, List<AffectedPackage>>> rows = new ConcurrentHashMap<>();

    public RowCache(VulnStore store) {
        super(store);
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
            Map<String, List<AffectedPackage>> read = delegate.affected(namespace, missing);
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
}
