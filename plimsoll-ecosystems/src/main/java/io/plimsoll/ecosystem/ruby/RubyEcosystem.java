package io.plimsoll.ecosystem.ruby;

import io.plimsoll.ecosystem.Ecosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.model.PackageType;
import java.util.List;

/** Ruby: gemspecs and Gemfile.lock, in RubyGems' version order, in OSV's RubyGems data. */
public final class RubyEcosystem {

    public static final Ecosystem DESCRIPTOR = Ecosystem.builder("ruby")
            .packageType(PackageType.GEM, GemVersionScheme.NAME)
            .schemes(new GemVersionScheme())
            .catalogers(() -> List.of(new GemCataloger()))
            .osv(OsvEcosystem.RUBYGEMS)
            .upgradeCommand(PackageType.GEM, (pkg, name, version) -> "bundle update " + pkg.name() + " --conservative (to "
                    + version + "; gem install " + pkg.name() + " -v " + version + ")")
            .build();

    private RubyEcosystem() {
    }
}
