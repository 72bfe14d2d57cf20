package io.plimsoll.ecosystem.redhat;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.rpm.RpmReleaseScope;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Installed rpm packages of a RHEL image (UBI images say {@code ID="rhel"} too) against Red Hat's VEX rows in
 * {@code rhel:<major>}.
 *
 * <p>Red Hat names fixed builds by binary rpm ({@code libcurl}) and by source rpm ({@code curl}, {@code arch=src}),
 * and unfixed components by source rpm only, so a package is looked up under both its own and its source rpm's
 * name. Both share the build's EVR. Rebuilds (CentOS, Rocky, AlmaLinux, Oracle) are not matched here: their
 * releases and fix dates differ from Red Hat's, so RHEL's statements about them would be wrong both ways.
 *
 * <p>Module streams: a row of a module stream ({@code nodejs:18}) applies only to a package built for that stream
 * (its MODULARITYLABEL), and a row without a module only to non-modular packages; the same name is often shipped
 * both ways with unrelated versions. Module releases are compared without their context hash, see
 * {@link ModuleStreams#withoutContext}.
 */
public final class RhelMatchRule implements MatchRule {

    @Override
    public String name() {
        return "rhel";
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        Optional<Namespace> found = RpmReleaseScope.of(pkg, distro, Set.of("rhel"));
        if (found.isEmpty()) {
            return List.of(); // not a versioned rpm of a RHEL release (no VERSION_ID: no release to look up)
        }
        String namespace = found.get().toString();
        List<MatchQuery> out = new ArrayList<>(2);
        out.add(new MatchQuery(namespace, pkg.name(), ModuleStreams.withoutContext(pkg.version())));
        String source = pkg.sourceName();
        if (source != null && !source.isEmpty() && !source.equals(pkg.name())) {
            String version = pkg.sourceVersion() == null || pkg.sourceVersion().isEmpty() ? pkg.version() : pkg.sourceVersion();
            out.add(new MatchQuery(namespace, source, ModuleStreams.withoutContext(version)));
        }
        return out;
    }

    @Override
    public boolean applies(AffectedPackage row, Package pkg) {
        return row.module().equals(ModuleStreams.stream(pkg.metadata().get(RpmCataloger.MODULARITY_LABEL)));
    }
}
