package io.plimsoll.policy.gate.common;

import io.plimsoll.catalog.Package;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code package_type} filter of the vulnerabilities and licenses triggers: {@code all}, {@code os} (packages of
 * the distribution's package manager), {@code non-os} (language packages), or one ecosystem, written as its PURL
 * type ({@code deb}, {@code maven}) or as Anchore names it ({@code dpkg}, {@code java}, {@code python}, {@code go}).
 */
public final class PackageTypes {

    /** PURL types of distribution package managers. */
    static final Set<String> OS = Set.of("deb", "rpm", "apk", "alpm", "ebuild");

    /** PURL types Plimsoll catalogs. */
    static final List<String> PURL_TYPES = List.of("deb", "rpm", "apk", "alpm", "maven", "npm", "pypi", "gem",
            "golang", "cargo", "nuget", "composer", "conan", "hex", "pub", "swift", "cocoapods", "hackage",
            "generic");

    /** Anchore's own words for ecosystems, to the PURL type. */
    static final Map<String, String> ANCHORE_NAMES = Map.of("dpkg", "deb", "java", "maven", "python", "pypi",
            "go", "golang", "rust", "cargo", "php", "composer", "dotnet", "nuget", "ruby", "gem", "js", "npm");

    /** Every value {@code package_type} accepts. */
    public static final List<String> VALUES = Stream.of(Stream.of("all", "os", "non-os"), PURL_TYPES.stream(),
            ANCHORE_NAMES.keySet().stream().sorted()).flatMap(s -> s).distinct().toList();

    private PackageTypes() {
    }

    public static boolean isOs(Package p) {
        return OS.contains(p.type());
    }

    /** Whether {@code p} is of the kind {@code filter} names. */
    public static boolean matches(String filter, Package p) {
        String f = filter.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "", "all" -> true;
            case "os" -> isOs(p);
            case "non-os" -> !isOs(p);
            default -> ANCHORE_NAMES.getOrDefault(f, f).equals(p.type());
        };
    }
}
