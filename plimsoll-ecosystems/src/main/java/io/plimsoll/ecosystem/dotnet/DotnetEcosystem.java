package io.plimsoll.ecosystem.dotnet;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** .NET: deps.json and packages.lock.json, in NuGet's version order, in OSV's NuGet data. */
public final class DotnetEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("dotnet")
            .packageType(PackageType.NUGET, NugetVersionScheme.NAME)
            .schemes(new NugetVersionScheme())
            .catalogers(() -> List.of(new DotnetCataloger()))
            .osv(OsvEcosystem.NUGET)
            .upgradeCommand(PackageType.NUGET, (pkg, name, version) -> "dotnet add package " + pkg.name() + " --version "
                    + version)
            .build();

    private DotnetEcosystem() {
    }
}
