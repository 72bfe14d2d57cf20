package io.plimsoll.ecosystem.amazon;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.SourceParts;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.rpm.repodata.ErrataMatchRule;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon Linux's rpm packages against its advisories, as {@link ErrataMatchRule} does for core; on Amazon Linux 2, a
 * package yum installed from an extras topic (yumdb's {@code from_repo} is {@code amzn2extra-<topic>}) is looked up
 * in that topic's rows only ({@code amzn:2:extras:docker}). Core's rows for a package of the same name describe
 * core's builds, which the topic's do not follow, and a topic's rows say nothing of core's packages. A package
 * whose repository is not recorded is taken as core's, as before yumdb was read.
 */
final class AmazonMatchRule implements MatchRule {

    /** How amazon-linux-extras names a topic's yum repository. */
    static final String EXTRAS_REPOSITORY = "amzn2extra-";

    private final ErrataMatchRule errata = new ErrataMatchRule(AmazonUpdateInfoUpdater.NAME,
            AmazonUpdateInfoUpdater.DISTRO);

    @Override
    public String name() {
        return errata.name();
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        List<MatchQuery> queries = errata.queries(pkg, distro);
        Optional<String> topic = topic(pkg);
        if (topic.isEmpty()) {
            return queries;
        }
        return queries.stream().map(q -> Namespace.tryParse(q.namespace()).filter(n -> n.release().equals("2"))
                        .map(n -> new MatchQuery(AmazonUpdateInfoUpdater.extrasNamespace(topic.get()), q.name(),
                                q.version()))
                        .orElse(q))
                .toList();
    }

    /**
     * The extras topic's part of the amazon feed that a package from the topic is looked up in: exactly the topic
     * namespaces {@link #queries} asks, so the data gate asks for what the match reads.
     */
    List<SourceParts.Part> extrasParts(Package pkg, Optional<Distro> distro) {
        if (topic(pkg).isEmpty()) {
            return List.of();
        }
        String prefix = AmazonUpdateInfoUpdater.extrasNamespace("");
        return queries(pkg, distro).stream().map(MatchQuery::namespace).filter(ns -> ns.startsWith(prefix)).distinct()
                .map(ns -> new SourceParts.Part(AmazonUpdateInfoUpdater.NAME + "/"
                        + AmazonUpdateInfoUpdater.extrasPart(ns.substring(prefix.length())), ns))
                .toList();
    }

    @Override
    public boolean applies(AffectedPackage row, Package pkg) {
        return errata.applies(row, pkg);
    }

    /**
     * The extras topic the package was installed from, if yumdb recorded one: from the cataloger's metadata, or the
     * PURL's {@code repository_id} when the package was read back from another tool's SBOM.
     */
    static Optional<String> topic(Package pkg) {
        String repository = pkg.metadata().getOrDefault(RpmCataloger.REPOSITORY, "");
        if (repository.isEmpty() && pkg.purl() != null && pkg.purl().contains("repository_id=")) {
            try {
                Map<String, String> qualifiers = new PackageURL(pkg.purl()).getQualifiers();
                repository = qualifiers == null ? "" : qualifiers.getOrDefault("repository_id", "");
            } catch (MalformedPackageURLException e) {
                return Optional.empty();
            }
        }
        return repository.startsWith(EXTRAS_REPOSITORY) && repository.length() > EXTRAS_REPOSITORY.length()
                ? Optional.of(repository.substring(EXTRAS_REPOSITORY.length())) : Optional.empty();
    }
}
