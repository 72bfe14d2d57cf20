package io.plimsoll.ecosystem.rpm;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.model.PackageType;
import java.util.Optional;
import java.util.Set;

/**
 * The guard the per-release rpm match rules share: an installed rpm with a version, on an image of one of the
 * rule's distributions, looked up only in its own release's namespace ({@code sles:15.1}, {@code mariner:2.0}).
 */
public final class RpmReleaseScope {

    private RpmReleaseScope() {
    }

    /** The release namespace to look {@code pkg} up in, or empty when the rule does not apply to it. */
    public static Optional<Namespace> of(Package pkg, Optional<Distro> distro, Set<String> families) {
        if (!PackageType.RPM.is(pkg.type()) || distro.isEmpty() || !families.contains(distro.get().id())
                || pkg.version() == null || pkg.version().isEmpty()) {
            return Optional.empty();
        }
        return Ecosystems.namespace(distro.get()).filter(Namespace::hasRelease);
    }
}
