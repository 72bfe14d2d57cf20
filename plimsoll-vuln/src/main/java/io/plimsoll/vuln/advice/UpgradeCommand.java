package io.plimsoll.vuln.advice;

import io.plimsoll.catalog.Package;

/**
 * The command (or the coordinate to change) that upgrades a package to a version in its own ecosystem. Each
 * ecosystem's descriptor gives its own, in its tools' words; where a lockfile or build file decides the version
 * (Maven, Gradle, Cargo), the text says which coordinate to bump.
 */
@FunctionalInterface
public interface UpgradeCommand {

    /**
     * @param pkg         the installed package
     * @param matchedName the name the data files it under (Maven's {@code group:artifact}, Debian's source package)
     * @param version     the target version as the data writes it
     */
    String of(Package pkg, String matchedName, String version);

    /** For a package type no ecosystem gives a command for. */
    static String generic(Package pkg, String version) {
        return "upgrade " + pkg.name() + " to " + version;
    }
}
