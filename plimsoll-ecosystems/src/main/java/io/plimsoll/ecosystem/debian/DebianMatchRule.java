package io.plimsoll.ecosystem.debian;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.model.PackageType;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;

/**
 * Looks up a dpkg package in the Debian tracker's rows for the image's own release, by its SOURCE package and
 * SOURCE version: the tracker is keyed by source package, and a binNMU binary {@code 1.2-3+b1} or a binary with
 * its own version ({@code gcc 4:12.2.0-3} from {@code gcc-defaults 1.203}) is fixed when its source is.
 *
 * <p>Only Debian itself is matched: the image's distro must be {@code debian}, or have no ID and name Debian as
 * the closest {@code ID_LIKE}. Derivatives (Ubuntu, Raspbian, Kali, Devuan, Mint, …) rebuild packages with their
 * own versions and release cadence; checking them against Debian's per-release status would compare against a
 * release they are not, and a wrong match is worse than one left to the derivative's own feed. An image whose
 * release files name no release at all (no VERSION_ID, no codename) is taken as sid, {@code debian:unstable}:
 * Debian's numbered and testing releases all say which they are.
 */
public final class DebianMatchRule implements MatchRule {

    @Override
    public String name() {
        return DebianTrackerUpdater.NAME;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        if (!PackageType.DEB.is(pkg.type()) || distro.isEmpty()) {
            return List.of();
        }
        Optional<Namespace> found = Ecosystems.namespace(distro.get())
                .filter(ns -> ns.family().equals(DebianReleases.FAMILY));
        if (found.isEmpty()) {
            return List.of();
        }
        // a Debian image naming no release is sid's
        String namespace = found.get().hasRelease() ? found.get().toString() : DebianReleases.UNSTABLE;
        String name = orElse(pkg.sourceName(), pkg.name());
        String version = orElse(pkg.sourceVersion(), pkg.version());
        if (name.isEmpty() || version.isEmpty()) {
            return List.of();
        }
        return List.of(new MatchQuery(namespace, name, version));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? (fallback == null ? "" : fallback) : value;
    }
}
