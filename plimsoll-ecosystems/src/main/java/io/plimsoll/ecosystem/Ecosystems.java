package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.ecosystem.alpine.ApkCataloger;
import io.plimsoll.ecosystem.debian.DpkgCataloger;
import io.plimsoll.ecosystem.distro.ReleaseFileProbe;
import io.plimsoll.ecosystem.npm.NpmCataloger;
import io.plimsoll.ecosystem.php.ComposerCataloger;
import io.plimsoll.ecosystem.ruby.GemCataloger;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import java.util.List;

/** The one place ecosystems register with the engine: adding a distro or language is one line here. */
public final class Ecosystems {

    private Ecosystems() {
    }

    public static DistroProbe distroProbe() {
        return new ReleaseFileProbe();
    }

    public static List<Cataloger> catalogers() {
        return List.of(new DpkgCataloger(), new ApkCataloger(), new RpmCataloger(),
                new NpmCataloger(), new ComposerCataloger(), new GemCataloger());
    }
}
