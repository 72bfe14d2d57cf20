package io.plimsoll.ecosystem.osv;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.python.PythonNames;
import io.plimsoll.model.PackageType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The language ecosystems OSV publishes, with what both sides of a lookup need: the OSV ecosystem name (the
 * namespace rows are filed under), the PURL type the catalogers give packages of that ecosystem, the version
 * scheme OSV's {@code ECOSYSTEM} ranges are written in, and how names are made comparable. The updater and the
 * match rule both go through {@link #key}, so a name is normalised the same way when stored and when looked up.
 */
public enum OsvEcosystem {
    /** Names are {@code group:artifact}; a package without a group id is not looked up rather than guessed. */
    MAVEN("Maven", PackageType.MAVEN, "maven"),
    /** Scoped names keep their scope: {@code @babel/core}. */
    NPM("npm", PackageType.NPM, "semver"),
    /** PEP 503: {@code Foo.Bar}, {@code foo_bar} and {@code FOO-bar} are one project. */
    PYPI("PyPI", PackageType.PYPI, "pep440"),
    /** Module paths are case-sensitive; the toolchain is the {@code stdlib} pseudo-module. */
    GO("Go", PackageType.GOLANG, "go"),
    CRATES_IO("crates.io", PackageType.CARGO, "semver"),
    RUBYGEMS("RubyGems", PackageType.GEM, "gem"),
    /** Package ids are case-insensitive. */
    NUGET("NuGet", PackageType.NUGET, "nuget"),
    /** {@code vendor/name}, lower case by Composer's own rule (it lower-cases what it reads). */
    PACKAGIST("Packagist", PackageType.COMPOSER, "composer");

    private final String osvName;
    private final PackageType purlType;
    private final String scheme;

    OsvEcosystem(String osvName, PackageType purlType, String scheme) {
        this.osvName = osvName;
        this.purlType = purlType;
        this.scheme = scheme;
    }

    /** The ecosystem as OSV spells it, used as the namespace: {@code Maven}, {@code crates.io}. */
    public String osvName() {
        return osvName;
    }

    /** The PURL type of this ecosystem's packages: {@code maven}, {@code golang}, {@code cargo}. */
    public PackageType purlType() {
        return purlType;
    }

    /** The version scheme of this ecosystem's {@code ECOSYSTEM} ranges and {@code versions}. */
    public String scheme() {
        return scheme;
    }

    /**
     * The scheme of OSV {@code SEMVER} ranges: SemVer 2.0, except for Go, whose versions are Go's flavour of
     * SemVer (pseudo-versions, {@code +incompatible}) and which the go scheme orders exactly as SemVer does.
     */
    public String semverScheme() {
        return this == GO ? "go" : "semver";
    }

    /** A package name as rows are keyed: PEP 503 for PyPI, lower case for NuGet and Packagist, else as written. */
    public String key(String name) {
        return switch (this) {
            case PYPI -> PythonNames.normalize(name);
            case NUGET, PACKAGIST -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }

    public static Optional<OsvEcosystem> byOsvName(String name) {
        return Arrays.stream(values()).filter(e -> e.osvName.equals(name)).findFirst();
    }

    public static Optional<OsvEcosystem> byPurlType(String type) {
        return Arrays.stream(values()).filter(e -> e.purlType.equals(type)).findFirst();
    }

    /**
     * The name {@code pkg} is filed under in this ecosystem, before {@link #key}; empty when it cannot be looked
     * up: a Maven archive with no group id, a local path dependency (no package URL: not a registry package).
     */
    Optional<String> nameOf(Package pkg) {
        if (pkg.purl() == null || pkg.purl().isEmpty() || pkg.name().isEmpty()) {
            return Optional.empty();
        }
        if (this == MAVEN) {
            String group = pkg.metadata().getOrDefault("groupId", "");
            return group.isEmpty() ? Optional.empty() : Optional.of(group + ":" + pkg.name());
        }
        if (this == GO && pkg.metadata().containsKey("replacedBy")) {
            return Optional.empty(); // replaced by a local directory: whatever it holds, it is no published release
        }
        return Optional.of(pkg.name());
    }

    /**
     * The version to compare. Go's {@code stdlib} is recorded as the toolchain ({@code go1.22.5}, maybe followed
     * by {@code X:boringcrypto}); OSV writes stdlib versions without the {@code go} ({@code 1.22.5}).
     */
    String versionOf(Package pkg) {
        String v = pkg.version() == null ? "" : pkg.version();
        if (this == GO && pkg.name().equals("stdlib") && v.startsWith("go")) {
            int space = v.indexOf(' ');
            return v.substring(2, space < 0 ? v.length() : space);
        }
        return v;
    }
}
