package io.plimsoll.ecosystem.azurelinux;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.rpm.RpmReleaseScope;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Installed rpm packages of an Azure Linux ({@code ID=azurelinux}) or CBL-Mariner ({@code ID=mariner}) image against
 * the rows of its own release ({@code azurelinux:3.0}, {@code mariner:2.0}), by SOURCE rpm name: Microsoft's OVAL
 * names source packages only, and every binary of a build shares the build's version.
 */
public final class AzureLinuxMatchRule implements MatchRule {

    static final Set<String> FAMILIES = Set.of("azurelinux", "mariner");

    @Override
    public String name() {
        return AzureLinuxOvalUpdater.NAME;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        Optional<Namespace> namespace = RpmReleaseScope.of(pkg, distro, FAMILIES);
        if (namespace.isEmpty()) {
            return List.of();
        }
        boolean hasSource = pkg.sourceName() != null && !pkg.sourceName().isEmpty();
        String name = hasSource ? pkg.sourceName() : pkg.name();
        String version = hasSource && pkg.sourceVersion() != null && !pkg.sourceVersion().isEmpty()
                ? pkg.sourceVersion() : pkg.version();
        return List.of(new MatchQuery(namespace.get().toString(), name, version));
    }
}
