package io.plimsoll.ecosystem.npm;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells development packages from production ones where a lockfile does not say (yarn, pnpm 9): a package is
 * production if some production dependency of the project needs it, directly or through others, and development if
 * only development dependencies do. Packages neither reaches (leftovers, other workspaces' roots) stay unknown.
 * Linear in nodes plus edges.
 */
final class DevReach {

    private DevReach() {
    }

    /**
     * @param edges node to the nodes it depends on
     * @return node to {@code "false"} (production) or {@code "true"} (development) for every node reached
     */
    static <N> Map<N, String> of(Map<N, ? extends Collection<N>> edges, Collection<N> prodRoots, Collection<N> devRoots) {
        Set<N> prod = reach(edges, prodRoots);
        Set<N> dev = reach(edges, devRoots);
        Map<N, String> out = new HashMap<>();
        for (N n : dev) {
            out.put(n, "true");
        }
        for (N n : prod) {
            out.put(n, "false");
        }
        return out;
    }

    private static <N> Set<N> reach(Map<N, ? extends Collection<N>> edges, Collection<N> roots) {
        Set<N> seen = new HashSet<>();
        Deque<N> todo = new ArrayDeque<>();
        for (N r : roots) {
            if (r != null && seen.add(r)) {
                todo.add(r);
            }
        }
        while (!todo.isEmpty()) {
            Collection<N> next = edges.get(todo.poll());
            if (next == null) {
                continue;
            }
            for (N n : next) {
                if (n != null && seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }
}
