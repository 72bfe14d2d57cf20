package io.plimsoll.ecosystem.rust;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.npm.SemverVersionScheme;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Rust: Cargo.lock and cargo-auditable executables; crates order by SemVer; OSV's crates.io data. */
public final class RustEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("rust")
            .packageType(PackageType.CARGO, SemverVersionScheme.NAME)
            .catalogers(() -> List.of(new CargoLockCataloger()))
            .executableReaders(() -> List.of(new CargoAuditableReader()))
            .osv(OsvEcosystem.CRATES_IO)
            .upgradeCommand(PackageType.CARGO, (pkg, name, version) -> "cargo update -p " + pkg.name() + " --precise " + version)
            .build();

    private RustEcosystem() {
    }
}
