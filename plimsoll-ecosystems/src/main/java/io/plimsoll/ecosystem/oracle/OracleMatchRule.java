package io.plimsoll.ecosystem.oracle;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.redhat.ModuleStreams;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.rpm.RpmReleaseScope;
import io.plimsoll.model.Distro;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.match.MatchQuery;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Installed rpm packages of an Oracle Linux image ({@code ID="ol"}) against the ELSA rows of its major release
 * ({@code ol:7} for 7.9), by binary rpm name, as the OVAL names them, compared with rpm's order (epochs included).
 *
 * <p>Ksplice and UEK builds are kept apart: a Ksplice user-space build ({@code 2.17-157.ksplice1.el7_3.4}) or a UEK
 * kernel ({@code …el7uek}) is fixed only by a build of the same kind, and a regular build is never fixed by a
 * Ksplice or UEK one, whatever rpm's order says of the two version strings. An advisory whose architectures were
 * fixed by different builds is looked up under {@code name.arch} as well, so an x86_64 build is held only to the
 * x86_64 fix.
 *
 * <p>Module streams (EL8 and later): a row of a stream ({@code nodejs:16}) applies only to a package whose
 * MODULARITYLABEL names that stream, and a row without one only to non-modular packages, as for RHEL; module
 * releases are compared without their context hash ({@link ModuleStreams#withoutContext}).
 */
public final class OracleMatchRule implements MatchRule {

    static final String FAMILY = "ol";

    @Override
    public String name() {
        return OracleOvalUpdater.NAME;
    }

    @Override
    public List<MatchQuery> queries(Package pkg, Optional<Distro> distro) {
        String version = ModuleStreams.withoutContext(pkg.version());
        return RpmReleaseScope.of(pkg, distro, Set.of(FAMILY))
                .map(namespace -> archNamed(pkg).isEmpty()
                        ? List.of(new MatchQuery(namespace.toString(), pkg.name(), version))
                        : List.of(new MatchQuery(namespace.toString(), pkg.name(), version),
                                new MatchQuery(namespace.toString(), archNamed(pkg), version)))
                .orElse(List.of());
    }

    /**
     * {@code kernel-uek.aarch64}: where an advisory's architectures were fixed by different builds, each
     * architecture's rows carry its name ({@link ElsaDefinitions#affected}); "" for a package of no architecture.
     */
    static String archNamed(Package pkg) {
        String arch = pkg.arch() == null ? "" : pkg.arch();
        return arch.isEmpty() || arch.equals("noarch") ? "" : pkg.name() + "." + arch;
    }

    @Override
    public boolean applies(AffectedPackage row, Package pkg) {
        if (!row.module().equals(ModuleStreams.stream(pkg.metadata().get(RpmCataloger.MODULARITY_LABEL)))) {
            return false;
        }
        String installed = flavor(pkg.version());
        for (VersionRange range : row.ranges()) {
            if (range.fixed().isPresent() && !flavor(range.fixed().get()).equals(installed)) {
                return false;
            }
        }
        return true;
    }

    /** {@code ksplice}, {@code uek}, both, or "" for a regular build. */
    static String flavor(String evr) {
        String v = evr.toLowerCase(Locale.ROOT);
        return (v.contains(".ksplice") ? "ksplice" : "") + (v.contains("uek") ? "uek" : "");
    }
}
