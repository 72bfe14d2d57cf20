package io.plimsoll.ecosystem.php;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** PHP: Composer's lockfile and installed.json, in Composer's version order, in OSV's Packagist data. */
public final class PhpEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("php")
            .packageType(PackageType.COMPOSER, ComposerVersionScheme.NAME)
            .schemes(new ComposerVersionScheme())
            .catalogers(() -> List.of(new ComposerCataloger()))
            .osv(OsvEcosystem.PACKAGIST)
            .upgradeCommand(PackageType.COMPOSER, (pkg, name, version) -> "composer require " + pkg.name() + ":" + version)
            .build();

    private PhpEcosystem() {
    }
}
