package io.plimsoll.vuln.match;

import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedPackage;
import java.util.List;
import java.util.Optional;

/**
 * One ecosystem's way of finding a package in the vulnerability data: which namespace and name it is filed under
 * and which version to compare. Lives in the ecosystem's package next to its cataloger, version scheme and updater.
 */
public interface MatchRule {

    /** A short name for debugging and reports: {@code debian}, {@code osv-maven}. */
    String name();

    /** The lookups for {@code pkg}; empty when this rule does not handle it. */
    List<MatchQuery> queries(Package pkg, Optional<Distro> distro);

    /**
     * Whether a row found by one of this rule's queries applies to {@code pkg} beyond its version (Red Hat module
     * streams, architectures). Defaults to yes.
     */
    default boolean applies(AffectedPackage row, Package pkg) {
        return true;
    }

    /**
     * The source whose advisories tell which of this rule's ids name one flaw, for a feed that lists a flaw under
     * several ids for one package without saying they are aliases (Wolfi's secdb gives the CVE and its GHSA side by
     * side): the matcher then keeps one finding per flaw ({@link AliasJoin}). Empty, the default, for feeds that
     * give one id per flaw or say the aliases themselves.
     */
    default Optional<String> aliasesFrom() {
        return Optional.empty();
    }

    /**
     * Whether this rule's advisories name their own aliases and one database may hold several records of one flaw:
     * OSV's language zips carry the ecosystem's own record ({@code PYSEC-…}, {@code GO-…}) and GitHub's
     * ({@code GHSA-…}), each listing the other and the CVE. The matcher then keeps one finding per flaw for a
     * package ({@link AliasFold}). No, the default: the other feeds give one record per flaw.
     */
    default boolean foldsNamedAliases() {
        return false;
    }
}
