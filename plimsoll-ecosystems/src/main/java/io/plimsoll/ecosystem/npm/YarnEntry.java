package io.plimsoll.ecosystem.npm;

import java.util.List;
import java.util.Map;

/**
 * One entry of a yarn.lock, either format: the descriptors that resolve to it ({@code lodash@^4.17.0},
 * {@code lodash@npm:^4.17.0}), what they resolved to, and the dependencies it asks for (name to range).
 *
 * @param resolved v1: the tarball URL; berry: the locator ({@code lodash@npm:4.17.21})
 * @param line     where the entry starts (v1), or 0
 */
record YarnEntry(List<String> descriptors, String version, String resolved, String integrity,
                 Map<String, String> dependencies, int line) {

    YarnEntry {
        descriptors = List.copyOf(descriptors);
        dependencies = Map.copyOf(dependencies);
    }

    /**
     * The package name a descriptor asks for: {@code @babel/core} from {@code @babel/core@^7.0.0}, and for an alias
     * ({@code old-async@npm:async@0.9.2}) the aliased package, which is what gets installed. Empty when the
     * descriptor has no {@code name@range} shape.
     */
    static String nameOf(String descriptor) {
        int at = descriptor.indexOf('@', 1);
        if (at <= 0) {
            return "";
        }
        String range = descriptor.substring(at + 1);
        if (range.startsWith("npm:")) {
            String target = range.substring(4);
            int at2 = target.indexOf('@', 1);
            if (at2 > 0) {
                return target.substring(0, at2);
            }
        }
        return descriptor.substring(0, at);
    }

    /**
     * The protocol the entry resolved through ({@code workspace} for berry's {@code app@workspace:.}, {@code link} for
     * v1's {@code foo@link:../foo}), or empty. Berry's locator says it; a v1 {@code resolved} is a URL, so there the
     * first descriptor's range does.
     */
    String protocol() {
        String locator = resolved.isEmpty() || resolved.contains("://")
                ? (descriptors.isEmpty() ? "" : descriptors.get(0)) : resolved;
        int at = locator.indexOf('@', 1);
        int colon = at < 0 ? -1 : locator.indexOf(':', at);
        if (colon < 0) {
            return "";
        }
        String p = locator.substring(at + 1, colon);
        return !p.isEmpty() && p.chars().allMatch(Character::isLetter) ? p : "";
    }
}
