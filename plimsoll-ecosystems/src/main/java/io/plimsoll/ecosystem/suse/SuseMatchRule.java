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
 * modules; {@code opensuse-leap:15.0}), by binary rpm name, as CVRF names them. SLE Micro ({@code sle-micro:5.5}),
 * SUSE Linux Micro ({@code sl-micro:6.0}), openSUSE Leap Micro ({@code opensuse-leap-micro:5.5}) and Tumbleweed
 * ({@code opensuse-tumbleweed:rolling}) are each their own product, looked up only in their own rows.
 */
public final class SuseMatchRule implements MatchRule {

    static final String SLE_MICRO = "sle-micro";
    static final String SL_MICRO = "sl-micro";
    static final String LEAP_MICRO = "opensuse-leap-micro";
    static final String TUMBLEWEED = "opensuse-tumbleweed";

    static final Set<String> FAMILIES = Set.of("sles", "opensuse-leap", SLE_MICRO, SL_MICRO, LEAP_MICRO, TUMBLEWEED);

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
