package io.plimsoll.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the layer where each package, at its final version, first appeared, from the versions of a package database
 * that successive layers wrote. A package that was removed and installed again counts from its reinstall; one that
 * was upgraded counts from the upgrade.
 */
public final class FirstAppearance {

    private FirstAppearance() {
    }

    /**
     * @param layers         the layer of each database version, bottom first
     * @param keysPerVersion the package keys each version lists, in the same order
     * @return for every key in the last version, the layer where its unbroken run of versions began
     */
    public static Map<String, Integer> of(List<Integer> layers, List<Set<String>> keysPerVersion) {
        Map<String, Integer> first = new HashMap<>();
        if (layers.isEmpty()) {
            return first;
        }
        int last = layers.size() - 1;
        for (String key : keysPerVersion.get(last)) {
            int i = last;
            while (i > 0 && keysPerVersion.get(i - 1).contains(key)) {
                i--;
            }
            first.put(key, layers.get(i));
        }
        return first;
    }
}
