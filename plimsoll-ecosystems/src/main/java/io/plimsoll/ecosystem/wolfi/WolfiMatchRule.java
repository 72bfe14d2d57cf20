package io.plimsoll.ecosystem.wolfi;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.osv.OsvUpdater;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.model.PackageType;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;

/**
 * Looks up an apk package of a Wolfi (or Chainguard) image in that distribution's secdb, by its origin: the secdb
 * is keyed by the melange package that built it, and subpackages ({@code libcrypto3} from {@code openssl}) share
 * its version. The distribution is rolling, so the namespace is {@code wolfi:rolling} whatever VERSION_ID says.
 *
 * <p>The secdb often lists a flaw's CVE and its GitHub advisory side by side under one fix without saying they are
 * one flaw; the GitHub advisories OSV publishes say it, so the matcher joins them by those ({@link #aliasesFrom}).
 */
public final class WolfiMatchRule implements MatchRule {

    private final String family;

    /** {@code family}: the os-release id whose images this rule matches, also the feed and namespace family. */
    public WolfiMatchRule(String family) {
        this.family = family;
    }

    @Override
    public String name() {
        return family;
    }

    @Override
    public Optional<String> aliasesFrom() {
        return Optional.of(OsvUpdater.NAME);
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        if (!PackageType.APK.is(pkg.type()) || distro.isEmpty()) {
            return List.of();
        }
        Optional<Namespace> namespace = Ecosystems.namespace(distro.get())
                .filter(ns -> ns.family().equals(family) && ns.hasRelease());
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
