package io.plimsoll.ecosystem.oracle;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/** Oracle Linux: rpm packages (read by the rpm package) looked up in Oracle's ELSA OVAL data per major release. */
public final class OracleEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("oracle").os()
            .updaters(() -> List.of(new OracleOvalUpdater()))
            .matchRules(new OracleMatchRule())
            // Oracle Linux 5 called itself "Enterprise Linux Enterprise Linux"; its redhat-release says Red Hat, so
            // oracle-release is read before it
            .distros(DistroFamily.coveredBy(OracleMatchRule.FAMILY, ReleaseKey.MAJOR, OracleOvalUpdater.NAME)
                    .releaseNames("Oracle Linux", "Enterprise Linux Enterprise Linux").cpeVendors("oracle")
                    .rebuildOf("rhel").releaseFile(ReleaseFile.of("/etc/oracle-release", 30,
                            ReleaseFiles::fromReleaseText))
                    .purlNamespace("oracle"))
            .namespace(OracleMatchRule.FAMILY, RpmVersionScheme.NAME)
            .build();

    private OracleEcosystem() {
    }
}
