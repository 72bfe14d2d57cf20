package io.plimsoll.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The PURL type of a package, which names the ecosystem it belongs to ({@code deb}, {@code rpm}, {@code npm}). The
 * constants are the types Plimsoll's catalogers produce; a type read from an SBOM may be any other. Whether a type's
 * packages are a distribution's is not kept here but derived from the registered ecosystems
 * ({@code Ecosystems.isOs}), so that a new distribution's type is an OS type by registering it, not by a list here.
 *
 * @param name the type as a PURL writes it: lower case letters, digits, '.', '+' and '-'
 */
public record PackageType(String name) implements Comparable<PackageType> {

    /**
     * The PURL spec's type: an ASCII letter first, then letters, digits, '.', '+', '-'; canonically lower case.
     * Declared before the constants, which are checked against it.
     */
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.+-]*");

    public static final PackageType DEB = new PackageType("deb");
    public static final PackageType RPM = new PackageType("rpm");
    public static final PackageType APK = new PackageType("apk");
    public static final PackageType MAVEN = new PackageType("maven");
    public static final PackageType NPM = new PackageType("npm");
    public static final PackageType GOLANG = new PackageType("golang");
    public static final PackageType PYPI = new PackageType("pypi");
    public static final PackageType GEM = new PackageType("gem");
    public static final PackageType NUGET = new PackageType("nuget");
    public static final PackageType COMPOSER = new PackageType("composer");
    public static final PackageType CARGO = new PackageType("cargo");

    public PackageType {
        Objects.requireNonNull(name, "name");
        if (!TYPE.matcher(name).matches()) {
            throw new IllegalArgumentException("malformed package type '" + name
                    + "': expected a lower-case PURL type such as deb or npm");
        }
    }

    /** Whether a package's raw type string ({@code Package.type()}) is this type. */
    public boolean is(String purlType) {
        return name.equals(purlType);
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, on a cold run's critical path
    // (docs/performance.md, "Records on the cold path")
    @Override
    public boolean equals(Object o) {
        return o instanceof PackageType t && name.equals(t.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(PackageType o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
