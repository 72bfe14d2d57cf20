package io.plimsoll.ecosystem.npm;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Purls;
import java.util.List;
import java.util.Map;

/**
 * One npm package as a file states it, before it becomes a {@link Package}.
 *
 * @param name     the full name, scope included ({@code @babel/core})
 * @param licenses as declared (SPDX ids, expressions, or free text)
 * @param metadata {@code dev}, {@code optional}, {@code resolved}, {@code integrity}, {@code author}, …
 */
record NpmEntry(String name, String version, List<String> licenses, Map<String, String> metadata) {

    /** Metadata key: the file is a project's own manifest (or its lockfile entry), not a dependency. */
    static final String PROJECT = "project";

    NpmEntry {
        licenses = List.copyOf(licenses);
        metadata = Map.copyOf(metadata);
    }

    /**
     * @throws IllegalArgumentException when the name cannot make a package URL
     */
    Package toPackage(String foundBy, String location) {
        return new Package("npm", name, version, "", name, version, licenses, purl(name, version), List.of(), foundBy,
                location, null, metadata);
    }

    /** {@code pkg:npm/%40scope/name@version}: the scope is the PURL namespace. */
    static String purl(String name, String version) {
        int slash = name.indexOf('/');
        if (name.startsWith("@") && slash > 0) {
            return Purls.of("npm", name.substring(0, slash), name.substring(slash + 1), version, Map.of());
        }
        return Purls.of("npm", null, name, version, Map.of());
    }

    /**
     * Whether {@code name} can be an npm package name: optionally {@code @scope/}, then no slash, not starting with
     * a dot or underscore, only URL-safe characters. Lenient on case (old packages have capitals).
     */
    static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > 214) {
            return false;
        }
        String bare = name;
        if (name.charAt(0) == '@') {
            int slash = name.indexOf('/');
            if (slash < 2) {
                return false;
            }
            bare = name.substring(slash + 1);
        }
        if (bare.isEmpty() || bare.indexOf('/') >= 0 || bare.charAt(0) == '.' || bare.charAt(0) == '_') {
            return false;
        }
        for (int i = name.charAt(0) == '@' ? 1 : 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // what encodeURIComponent leaves alone, as npm requires of names; the scope's '/' aside
            boolean safe = c < 128 && (Character.isLetterOrDigit(c) || "-._~!*'()".indexOf(c) >= 0);
            if (!safe && !(c == '/' && i == name.length() - bare.length() - 1)) {
                return false;
            }
        }
        return true;
    }
}
