package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.redhat.ModuleStreams;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.rpm.RpmReleaseScope;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Installed rpm packages of one distribution ({@code rocky}, {@code almalinux}, {@code amzn}) against that vendor's
 * own errata, in the namespace of the image's release ({@code rocky:8}): never another release's, never Red Hat's.
 * Errata name the binary packages they ship, so a package is looked up by its own name with its full EVR (epoch
 * included) and compared by rpm's order. A row of a module stream ({@code virt:rhel}) applies only to a package
 * built for that stream, and a row without one only to non-modular packages, as for RHEL.
 */
public final class ErrataMatchRule implements MatchRule {

    private final String name;
    private final String distroId;

    /** The rule {@code name} for images whose os-release {@code ID} is {@code distroId}. */
    public ErrataMatchRule(String name, String distroId) {
        this.name = name;
        this.distroId = distroId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        // no VERSION_ID gives no namespace: no release to look up, rather than a guessed one
        return RpmReleaseScope.of(pkg, distro, Set.of(distroId))
                .map(namespace -> List.of(new MatchQuery(namespace.toString(), pkg.name(),
                        ModuleStreams.withoutContext(pkg.version()))))
                .orElse(List.of());
    }

    @Override
    public boolean applies(AffectedPackage row, Package pkg) {
        return row.module().equals(ModuleStreams.stream(pkg.metadata().get(RpmCataloger.MODULARITY_LABEL)));
    }
}
