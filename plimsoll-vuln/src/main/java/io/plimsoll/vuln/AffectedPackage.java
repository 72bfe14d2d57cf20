package io.plimsoll.vuln;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which versions of one package in one namespace an advisory affects.
 *
 * @param namespace  where the name is valid: a distro release ({@code debian:12}, {@code alpine:3.19},
 *                   {@code rhel:9}, {@code ubuntu:22.04}) or a language ecosystem as OSV names it ({@code Maven},
 *                   {@code npm}, {@code PyPI}, {@code Go}, {@code crates.io}, {@code RubyGems}, {@code NuGet},
 *                   {@code Packagist})
 * @param name       the package name as the source keys it: the SOURCE package for Debian and Ubuntu, the origin
 *                   for Alpine, {@code group:artifact} for Maven
 * @param scheme     the {@link io.plimsoll.model.version.VersionScheme} name to compare versions with
 * @param ranges     affected intervals; empty means only {@code versions} are affected (or, with status
 *                   {@link AffectedStatus#AFFECTED} and no versions, every version)
 * @param versions   explicitly listed affected versions (OSV {@code versions})
 * @param module     the module stream the package belongs to ({@code nodejs:18}), Red Hat modularity only
 * @param severity   a per-package severity when the source gives one (Debian urgency, Red Hat impact), else empty
 */
public record AffectedPackage(String advisoryId, String source, String namespace, String name, String scheme,
                              AffectedStatus status, List<VersionRange> ranges, List<String> versions,
                              Optional<String> module, String severity) {

    public AffectedPackage {
        Objects.requireNonNull(advisoryId, "advisoryId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(status, "status");
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
        module = module.filter(m -> !m.isEmpty());
        severity = severity == null ? "" : severity;
    }

    /** The common case of fixed-only feeds: affected below {@code fixedVersion}. */
    public static AffectedPackage fixedIn(String advisoryId, String source, String namespace, String name,
                                          String scheme, String fixedVersion) {
        return new AffectedPackage(advisoryId, source, namespace, name, scheme, AffectedStatus.FIXED,
                List.of(VersionRange.fixedIn(fixedVersion)), List.of(), Optional.empty(), "");
    }

    /** Every version affected, with no fix: open, will-not-fix, deferred or under investigation. */
    public static AffectedPackage unfixed(String advisoryId, String source, String namespace, String name,
                                          String scheme, AffectedStatus status) {
        return new AffectedPackage(advisoryId, source, namespace, name, scheme, status,
                List.of(VersionRange.all()), List.of(), Optional.empty(), "");
    }
}
