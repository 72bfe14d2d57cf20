package io.plimsoll.vuln.advice;

import io.plimsoll.catalog.Package;

/**
 * The command (or the coordinate to change) that upgrades a package to a version in its own ecosystem, keyed by the
 * package's PURL type. The words are the ecosystems' own tools'; where a lockfile or build file decides the version
 * (Maven, Gradle, Cargo), the text says which coordinate to bump.
 */
public final class UpgradeCommands {

    private UpgradeCommands() {
    }

    /**
     * @param pkg         the installed package
     * @param matchedName the name the data files it under (Maven's {@code group:artifact})
     * @param version     the target version as the data writes it
     */
    public static String of(Package pkg, String matchedName, String version) {
        String name = pkg.name();
        return switch (pkg.type()) {
            case "deb" -> "apt-get install --only-upgrade " + name + "=" + version;
            case "apk" -> "apk add " + name + "=" + version;
            case "rpm" -> "dnf upgrade " + name + "-" + version;
            case "npm" -> "npm install " + name + "@" + version + " (or the lockfile entry of " + name + ")";
            case "pypi" -> "pip install " + name + "==" + version;
            case "maven" -> "bump " + matchedName + " to " + version + " in pom.xml or build.gradle";
            case "golang" -> name.equals("stdlib")
                    ? "rebuild with Go go" + version + " (go get toolchain@go" + version + ")"
                    : "go get " + name + "@" + (version.startsWith("v") ? version : "v" + version);
            case "gem" -> "bundle update " + name + " --conservative (to " + version + "; gem install " + name
                    + " -v " + version + ")";
            case "cargo" -> "cargo update -p " + name + " --precise " + version;
            case "composer" -> "composer require " + name + ":" + version;
            case "nuget" -> "dotnet add package " + name + " --version " + version;
            default -> "upgrade " + name + " to " + version;
        };
    }
}
