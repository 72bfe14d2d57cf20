package io.plimsoll.ecosystem.java;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Java: archives and Gradle lockfiles, Maven's version order, looked up in OSV's Maven data. */
public final class JavaEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("java")
            .packageType(PackageType.MAVEN, MavenVersionScheme.NAME)
            .schemes(new MavenVersionScheme())
            .catalogers(() -> List.of(new JavaArchiveCataloger(), new GradleLockfileCataloger()))
            .osv(OsvEcosystem.MAVEN)
            .upgradeCommand(PackageType.MAVEN, (pkg, name, version) -> "bump " + name + " to " + version
                    + " in pom.xml or build.gradle")
            .build();

    private JavaEcosystem() {
    }
}
