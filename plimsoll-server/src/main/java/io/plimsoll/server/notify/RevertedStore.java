package io.plimsoll.server.notify;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.store.ForwardingVulnStore;
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
 * The vulnerability data as it was before one update: the current store with the update's added rows hidden and its
 * removed rows put back (both taken from the update's diff). Matching a manifest against it tells what the manifest
 * was affected by before the update, for a manifest the notifier has no snapshot of yet.
 */
final class RevertedStore extends ForwardingVulnStore {

    /** (source, advisory, namespace, name) of every row the update touched: current rows of these are hidden. */
    private final Set<String> touched = new HashSet<>();
    private final Map<String, List<AffectedPackage>> restored = new HashMap<>();
    private final Map<String, Advisory> removedAdvisories = new HashMap<>();

    RevertedStore(VulnStore current, List<UpdateDiff.Row> rows) {
        super(current);
        for (UpdateDiff.Row r : rows) {
            AffectedPackage a = r.affected();
            touched.add(key(a.source(), a.advisoryId(), a.namespace(), a.name()));
            if (r.removed()) {
                restored.computeIfAbsent(a.namespace() + "\u0000" + a.name(), k -> new ArrayList<>()).add(a);
                removedAdvisories.put(r.advisory().source() + "\u0000" + r.advisory().id(), r.advisory());
            }
        }
    }

    private static String key(String source, String advisory, String namespace, String name) {
        return source + "\u0000" + advisory + "\u0000" + namespace + "\u0000" + name;
    }

    private List<AffectedPackage> revert(String namespace, String name, List<AffectedPackage> rows) {
        List<AffectedPackage> out = new ArrayList<>(rows.size());
        for (AffectedPackage a : rows) {
            if (!touched.contains(key(a.source(), a.advisoryId(), a.namespace(), a.name()))) {
                out.add(a);
            }
        }
        out.addAll(restored.getOrDefault(namespace + "\u0000" + name, List.of()));
        return out;
    }

    @Override
    public List<AffectedPackage> affected(String namespace, String name) {
        return revert(namespace, name, delegate.affected(namespace, name));
    }

    @Override
    public Map<String, List<AffectedPackage>> affected(String namespace, Collection<String> names) {
        Map<String, List<AffectedPackage>> rows = delegate.affected(namespace, names);
        Map<String, List<AffectedPackage>> out = new HashMap<>();
        for (String n : names) {
            out.put(n, revert(namespace, n, rows.getOrDefault(n, List.of())));
        }
        return out;
    }

    /** A namespace the update emptied had rows before it. */
    @Override
    public boolean hasRows(String namespace) {
        return delegate.hasRows(namespace)
                || restored.keySet().stream().anyMatch(k -> k.startsWith(namespace + "\u0000"));
    }

    @Override
    public Optional<Advisory> advisory(String source, String id) {
        Advisory removed = removedAdvisories.get(source + "\u0000" + id);
        return removed != null ? Optional.of(removed) : delegate.advisory(source, id);
    }

    @Override
    public Map<String, Advisory> advisories(String source, Collection<String> ids) {
        Map<String, Advisory> out = new HashMap<>(delegate.advisories(source, ids));
        for (String id : ids) {
            Advisory removed = removedAdvisories.get(source + "\u0000" + id);
            if (removed != null) {
                out.put(id, removed);
            }
        }
        return out;
    }
}
