package io.plimsoll.ecosystem.suse;

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
 * Installed rpm packages of a SLES ({@code ID="sles"}) or openSUSE Leap ({@code ID="opensuse-leap"}) image against
 * the CVRF rows of the product release it is ({@code sles:15.1} for 15 SP1, which includes that service pack's
 * modules; {@code opensuse-leap:15.0}), by binary rpm name, as CVRF names them.
 */
public final class SuseMatchRule implements MatchRule {

    static final Set<String> FAMILIES = Set.of("sles", "opensuse-leap");

    @Override
    public String name() {
        return SuseCvrfUpdater.NAME;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        Optional<Namespace> namespace = RpmReleaseScope.of(pkg, distro, FAMILIES);
        if (namespace.isEmpty()) {
            return List.of();
        }
        return List.of(new MatchQuery(namespace.get().toString(), pkg.name(), pkg.version()));
    }
}
