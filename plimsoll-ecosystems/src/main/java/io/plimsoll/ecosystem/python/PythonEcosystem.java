package io.plimsoll.ecosystem.python;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Python: installed distributions and lockfiles, in PEP 440 order, in OSV's PyPI data. */
public final class PythonEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("python")
            .packageType(PackageType.PYPI, Pep440VersionScheme.NAME)
            .schemes(new Pep440VersionScheme())
            .catalogers(() -> List.of(new PythonInstalledCataloger(), new PythonLockCataloger()))
            .osv(OsvEcosystem.PYPI)
            .upgradeCommand(PackageType.PYPI, (pkg, name, version) -> "pip install " + pkg.name() + "==" + version)
            .build();

    private PythonEcosystem() {
    }
}
