package io.plimsoll.ecosystem.golang;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Go: go.mod/go.sum and the build info of Go executables, in Go's version order, in OSV's Go data. */
public final class GoEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("golang")
            .packageType(PackageType.GOLANG, GoVersionScheme.NAME)
            .schemes(new GoVersionScheme())
            .catalogers(() -> List.of(new GoModCataloger()))
            .executableReaders(() -> List.of(new GoBinaryReader()))
            .osv(OsvEcosystem.GO)
            .upgradeCommand(PackageType.GOLANG, (pkg, name, version) -> pkg.name().equals("stdlib")
                    ? "rebuild with Go go" + version + " (go get toolchain@go" + version + ")"
                    : "go get " + pkg.name() + "@" + (version.startsWith("v") ? version : "v" + version))
            .build();

    private GoEcosystem() {
    }
}
