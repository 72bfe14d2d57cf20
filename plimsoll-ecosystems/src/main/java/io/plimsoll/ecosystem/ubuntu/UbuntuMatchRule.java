package io.plimsoll.ecosystem.ubuntu;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;
import io.plimsoll.model.PackageType;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;

/**
 * A dpkg package on Ubuntu is looked up by its SOURCE package and source version in the image's release
 * ({@code ubuntu:22.04}), as Ubuntu's CVE data is keyed.
 */
public final class UbuntuMatchRule implements MatchRule {

    @Override
    public String name() {
        return "ubuntu";
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        if (!PackageType.DEB.is(pkg.type()) || distro.isEmpty() || !distro.get().id().equals("ubuntu")
                || distro.get().versionId().isEmpty()) {
            return List.of();
        }
        String name = pkg.sourceName() == null || pkg.sourceName().isEmpty() ? pkg.name() : pkg.sourceName();
        String version = pkg.sourceVersion() == null || pkg.sourceVersion().isEmpty() ? pkg.version()
                : pkg.sourceVersion();
        return version.isEmpty() ? List.of() : List.of(new MatchQuery(Ecosystems.namespaceOf(distro.get()), name, version));
    }
}
