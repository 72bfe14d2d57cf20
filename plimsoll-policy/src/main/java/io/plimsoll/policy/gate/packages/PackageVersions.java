package io.plimsoll.policy.gate.packages;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.policy.gate.common.DottedVersions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Orders versions of one package by its ecosystem's rules. The schemes live in plimsoll-ecosystems, which this
 * module does not depend on; they are found with {@link ServiceLoader} (registered as
 * {@code io.plimsoll.model.version.VersionScheme} services). Without one a package's versions are ordered as dotted
 * versions, which agrees with the ecosystems on plain {@code 1.2.3} numbers.
 */
final class PackageVersions {

    /** PURL type → the version scheme's name. */
    private static final Map<String, String> SCHEME_OF_TYPE = Map.ofEntries(Map.entry("deb", "deb"),
            Map.entry("rpm", "rpm"), Map.entry("apk", "apk"), Map.entry("maven", "maven"),
            Map.entry("npm", "semver"), Map.entry("cargo", "semver"), Map.entry("golang", "go"),
            Map.entry("pypi", "pep440"), Map.entry("gem", "gem"), Map.entry("nuget", "nuget"),
            Map.entry("composer", "composer"));

    private static final List<VersionScheme> SCHEMES = ServiceLoader.load(VersionScheme.class,
            PackageVersions.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private PackageVersions() {
    }

    static Comparator<String> of(Package p) {
        String scheme = SCHEME_OF_TYPE.get(p.type());
        Optional<VersionScheme> s = SCHEMES.stream().filter(x -> x.name().equals(scheme)).findFirst();
        return s.<Comparator<String>>map(x -> x).orElse(DottedVersions::compare);
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
