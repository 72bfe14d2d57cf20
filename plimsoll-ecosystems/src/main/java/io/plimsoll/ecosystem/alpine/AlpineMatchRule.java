package io.plimsoll.ecosystem.alpine;

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
 * Looks up an apk package in the secdb of the image's own Alpine release ({@code alpine:3.19} for 3.19.1,
 * {@code alpine:edge} for an edge image, whose VERSION_ID reads {@code 3.20_alpha20240329}), by its ORIGIN: the
 * secdb is keyed by APKBUILD pkgname, and subpackages ({@code libcrypto3} from {@code openssl}) share their
 * origin's version. Wolfi and Chainguard also use apk but have their own feeds, so only Alpine images match; an
 * Alpine image whose release is unknown matches nothing rather than a guessed release.
 */
public final class AlpineMatchRule implements MatchRule {

    @Override
    public String name() {
        return AlpineSecdbUpdater.NAME;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        if (!PackageType.APK.is(pkg.type()) || distro.isEmpty()) {
            return List.of();
        }
        Optional<Namespace> namespace = Ecosystems.namespace(distro.get())
                .filter(ns -> ns.family().equals(AlpineSecdbUpdater.NAME) && ns.hasRelease());
        if (namespace.isEmpty()) {
            return List.of();
        }
        String name = pkg.sourceName() == null || pkg.sourceName().isEmpty() ? pkg.name() : pkg.sourceName();
        if (name == null || name.isEmpty() || pkg.version() == null || pkg.version().isEmpty()) {
            return List.of();
        }
        return List.of(new MatchQuery(namespace.get().toString(), name, pkg.version()));
    }
}
