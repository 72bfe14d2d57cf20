package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.redhat.ModuleStreams;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.model.PackageType;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;

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
        if (!PackageType.RPM.is(pkg.type()) || distro.isEmpty() || !distroId.equals(distro.get().id())
                || pkg.version() == null || pkg.version().isEmpty()) {
            return List.of();
        }
        Optional<Namespace> namespace = Ecosystems.namespace(distro.get()).filter(Namespace::hasRelease);
        if (namespace.isEmpty()) {
            return List.of(); // no VERSION_ID: no release to look up, rather than a guessed one
        }
        return List.of(new MatchQuery(namespace.get().toString(), pkg.name(),
                ModuleStreams.withoutContext(pkg.version())));
    }

    @Override
    public boolean applies(AffectedPackage row, Package pkg) {
        return row.module().equals(ModuleStreams.stream(pkg.metadata().get(RpmCataloger.MODULARITY_LABEL)));
    }
}
