package io.plimsoll.ecosystem.osv;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Looks a language package up in OSV data: the package's PURL type picks the {@link OsvEcosystem}, which says the
 * namespace, the name (Maven {@code group:artifact}, PEP 503 for PyPI, …) and, for Go's {@code stdlib}, the
 * version as OSV writes it. One table-driven rule instead of one class per ecosystem because the updater needs the
 * same table (scheme and name normalisation per ecosystem) and the two must never disagree; an instance per
 * ecosystem keeps {@code matchedBy} specific ({@code osv-go}).
 */
public final class OsvMatchRule implements MatchRule {

    private final OsvEcosystem ecosystem;

    public OsvMatchRule(OsvEcosystem ecosystem) {
        this.ecosystem = ecosystem;
    }

    @Override
    public String name() {
        return "osv-" + ecosystem.osvName().toLowerCase(Locale.ROOT);
    }

    /** OSV's zips hold the ecosystem's own record and GitHub's of one flaw, each naming the other. */
    @Override
    public boolean foldsNamedAliases() {
        return true;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        if (!ecosystem.purlType().is(pkg.type())) {
            return List.of();
        }
        String version = ecosystem.versionOf(pkg);
        if (version.isEmpty()) {
            return List.of(); // (devel) Go main modules, unversioned jars: nothing to compare
        }
        return ecosystem.nameOf(pkg)
                .map(name -> List.of(new MatchQuery(ecosystem.osvName(), ecosystem.key(name), version)))
                .orElse(List.of());
    }
}
