package io.plimsoll.ecosystem.photon;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.model.PackageType;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks up an rpm package of a Photon image in its own release's CVE data ({@code photon:3.0}). Photon files most
 * entries under the spec (source rpm) name, but some under a subpackage ({@code curl-libs}), so a package is looked
 * up by its own name and, when it differs, its source rpm's. An image whose release is unknown matches nothing.
 */
public final class PhotonMatchRule implements MatchRule {

    @Override
    public String name() {
        return PhotonUpdater.NAME;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        if (!PackageType.RPM.is(pkg.type()) || distro.isEmpty()) {
            return List.of();
        }
        Optional<Namespace> found = Ecosystems.namespace(distro.get())
                .filter(ns -> ns.family().equals(PhotonUpdater.NAME) && ns.hasRelease());
        if (found.isEmpty() || pkg.version() == null || pkg.version().isEmpty()) {
            return List.of();
        }
        String namespace = found.get().toString();
        List<MatchQuery> out = new ArrayList<>(2);
        out.add(new MatchQuery(namespace, pkg.name(), pkg.version()));
        String source = pkg.sourceName();
        if (source != null && !source.isEmpty() && !source.equals(pkg.name())) {
            String version = pkg.sourceVersion() == null || pkg.sourceVersion().isEmpty()
                    ? pkg.version() : pkg.sourceVersion();
            out.add(new MatchQuery(namespace, source, version));
        }
        return out;
    }
}
