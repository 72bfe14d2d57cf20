package io.plimsoll.ecosystem.redhat;

import io.plimsoll.ecosystem.DistroFamily;
import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.ReleaseFile;
import io.plimsoll.ecosystem.ReleaseKey;
import io.plimsoll.ecosystem.distro.ReleaseFiles;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import java.util.List;

/** Red Hat Enterprise Linux: rpm packages (read by the rpm package) looked up in Red Hat's CSAF VEX data. */
public final class RedHatEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("redhat").os()
            .updaters(() -> List.of(new RedHatVexUpdater()))
            .matchRules(new RhelMatchRule())
            .distros(DistroFamily.coveredBy("rhel", ReleaseKey.MAJOR, RedHatVexUpdater.NAME)
                    .releaseNames("Red Hat Enterprise Linux").cpeVendors("redhat")
                    // after oracle-release and centos-release: Oracle Linux and CentOS keep a redhat-release too
                    .releaseFile(ReleaseFile.of("/etc/redhat-release", 50, ReleaseFiles::fromReleaseText))
                    .purlNamespace("redhat"))
            .namespace("rhel", RpmVersionScheme.NAME)
            .build();

    private RedHatEcosystem() {
    }
}
