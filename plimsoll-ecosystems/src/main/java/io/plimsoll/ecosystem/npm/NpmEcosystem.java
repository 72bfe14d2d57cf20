package io.plimsoll.ecosystem.npm;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** JavaScript: node_modules and the npm, yarn and pnpm lockfiles, in npm's SemVer order, in OSV's npm data. */
public final class NpmEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("npm")
            .packageType(PackageType.NPM, SemverVersionScheme.NAME)
            .schemes(new SemverVersionScheme())
            .catalogers(() -> List.of(new NpmCataloger()))
            .osv(OsvEcosystem.NPM)
            .upgradeCommand(PackageType.NPM, (pkg, name, version) -> "npm install " + pkg.name() + "@" + version
                    + " (or the lockfile entry of " + pkg.name() + ")")
            .build();

    private NpmEcosystem() {
    }
}
