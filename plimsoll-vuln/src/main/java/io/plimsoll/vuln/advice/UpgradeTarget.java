package io.plimsoll.vuln.advice;

import java.util.List;

/**
 * The version to upgrade one package to.
 *
 * @param version   a fixed version the data names, in the package's own scheme
 * @param clears    the ids of the package's findings this version no longer has
 * @param remaining the ids of every advisory in the data that still affects this version (empty: it is clean)
 */
public record UpgradeTarget(String version, List<String> clears, List<String> remaining) {

    public UpgradeTarget {
        clears = List.copyOf(clears);
        remaining = List.copyOf(remaining);
    }

    /** Whether no advisory in the data affects this version. */
    public boolean clean() {
        return remaining.isEmpty();
    }
}
