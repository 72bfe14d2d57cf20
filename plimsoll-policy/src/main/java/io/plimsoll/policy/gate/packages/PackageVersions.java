package io.plimsoll.policy.gate.packages;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.policy.gate.common.DottedVersions;
import java.util.Comparator;

/**
 * Orders versions of one package by its ecosystem's rules, as the ecosystem registered for its PURL type says.
 * Without one (a type Plimsoll does not catalog, read from an SBOM) a package's versions are ordered as dotted
 * versions, which agrees with the ecosystems on plain {@code 1.2.3} numbers.
 */
final class PackageVersions {

    private PackageVersions() {
    }

    static Comparator<String> of(Package p) {
        return Ecosystems.schemeForType(p.type()).<Comparator<String>>map(x -> x).orElse(DottedVersions::compare);
    }

    /** Whether the installed version is {@code wanted} as written, with or without the epoch. */
    static boolean same(Package p, String wanted) {
        String v = p.version();
        return v.equals(wanted) || withoutEpoch(v).equals(withoutEpoch(wanted));
    }

    private static String withoutEpoch(String v) {
        int colon = v.indexOf(':');
        return colon > 0 && v.substring(0, colon).matches("\\d+") ? v.substring(colon + 1) : v;
    }
}
