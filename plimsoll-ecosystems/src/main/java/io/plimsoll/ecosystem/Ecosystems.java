package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.ecosystem.alpine.AlpineMatchRule;
import io.plimsoll.ecosystem.alpine.AlpineSecdbUpdater;
import io.plimsoll.ecosystem.alpine.ApkCataloger;
import io.plimsoll.ecosystem.binary.ExecutableCataloger;
import io.plimsoll.ecosystem.debian.DebianMatchRule;
import io.plimsoll.ecosystem.debian.DebianTrackerUpdater;
import io.plimsoll.ecosystem.debian.DpkgCataloger;
import io.plimsoll.ecosystem.distro.ReleaseFileProbe;
import io.plimsoll.ecosystem.dotnet.DotnetCataloger;
import io.plimsoll.ecosystem.golang.GoBinaryReader;
import io.plimsoll.ecosystem.golang.GoModCataloger;
import io.plimsoll.ecosystem.java.GradleLockfileCataloger;
import io.plimsoll.ecosystem.java.JavaArchiveCataloger;
import io.plimsoll.ecosystem.npm.NpmCataloger;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.ecosystem.osv.OsvMatchRule;
import io.plimsoll.ecosystem.osv.OsvUpdater;
import io.plimsoll.ecosystem.php.ComposerCataloger;
import io.plimsoll.ecosystem.python.PythonInstalledCataloger;
import io.plimsoll.ecosystem.python.PythonLockCataloger;
import io.plimsoll.ecosystem.rpm.RedHatVexUpdater;
import io.plimsoll.ecosystem.rpm.RhelMatchRule;
import io.plimsoll.ecosystem.rpm.RpmCataloger;
import io.plimsoll.ecosystem.ruby.GemCataloger;
import io.plimsoll.ecosystem.rust.CargoAuditableReader;
import io.plimsoll.ecosystem.rust.CargoLockCataloger;
import io.plimsoll.vuln.enrichment.EpssUpdater;
import io.plimsoll.vuln.enrichment.KevUpdater;
import io.plimsoll.vuln.enrichment.NvdUpdater;
import io.plimsoll.ecosystem.ubuntu.UbuntuMatchRule;
import io.plimsoll.ecosystem.ubuntu.UbuntuOsvUpdater;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.match.MatchRule;
import java.util.List;
import java.util.Optional;

/** The one place ecosystems register with the engine: adding a distro or language is one line here. */
public final class Ecosystems {

    private Ecosystems() {
    }

    public static DistroProbe distroProbe() {
        return new ReleaseFileProbe();
    }

    /** Fresh instances: streaming catalogers keep state for one run. */
    public static List<Cataloger> catalogers() {
        return List.of(
                new DpkgCataloger(),
                new ApkCataloger(),
                new RpmCataloger(),
                new JavaArchiveCataloger(),
                new GradleLockfileCataloger(),
                new NpmCataloger(),
                new ComposerCataloger(),
                new GemCataloger(),
                new PythonInstalledCataloger(),
                new PythonLockCataloger(),
                new DotnetCataloger(),
                new CargoLockCataloger(),
                new GoModCataloger(),
                // executables are read once for every ecosystem that embeds its dependencies in them
                new ExecutableCataloger(List.of(new GoBinaryReader(), new CargoAuditableReader())));
    }

    /** Every vulnerability data source, in the order {@code db update} lists them. */
    public static List<Updater> updaters() {
        return updaters(java.util.Optional.ofNullable(System.getenv("NVD_API_KEY")).filter(k -> !k.isBlank()));
    }

    /** Every vulnerability data source; {@code nvdApiKey} raises NVD's rate limit. */
    public static List<Updater> updaters(java.util.Optional<String> nvdApiKey) {
        return List.of(
                // one line per source
                new DebianTrackerUpdater(),
                new AlpineSecdbUpdater(),
                new RedHatVexUpdater(),
                new UbuntuOsvUpdater(),
                new OsvUpdater(),
                // enrichment for every ecosystem's findings, after the sources that say what is affected
                new NvdUpdater(nvdApiKey),
                new KevUpdater(),
                new EpssUpdater());
    }

    /** How each ecosystem's packages are looked up in the vulnerability data. */
    public static List<MatchRule> matchRules() {
        return List.of(
                // one line per ecosystem
                new DebianMatchRule(),
                new AlpineMatchRule(),
                new RhelMatchRule(),
                new UbuntuMatchRule(),
                new OsvMatchRule(OsvEcosystem.MAVEN),
                new OsvMatchRule(OsvEcosystem.NPM),
                new OsvMatchRule(OsvEcosystem.PYPI),
                new OsvMatchRule(OsvEcosystem.GO),
                new OsvMatchRule(OsvEcosystem.CRATES_IO),
                new OsvMatchRule(OsvEcosystem.RUBYGEMS),
                new OsvMatchRule(OsvEcosystem.NUGET),
                new OsvMatchRule(OsvEcosystem.PACKAGIST));
    }

    /** The package types of OS packages, whose data comes from the distro's own feed. */
    public static final java.util.Set<String> OS_PACKAGE_TYPES = java.util.Set.of("deb", "rpm", "apk");

    /** The feed (updater name) for a distro id: Red Hat's data is filed as {@code redhat}, the rest by their id. */
    public static String feedFor(String distroId) {
        return distroId.equals("rhel") ? "redhat" : distroId;
    }

    /**
     * The data an inventory needs to be matched, as source names and source parts: the distro's feed when the image
     * has OS packages ({@code debian}; a distro no updater covers is still named, so its absence is seen), and
     * {@code osv/ECOSYSTEM} for each OSV ecosystem its language packages belong to. Enrichment (NVD, KEV, EPSS) adds
     * scores but never findings, so it is never needed.
     */
    public static List<String> dataNeeded(io.plimsoll.catalog.Inventory inventory) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        List<io.plimsoll.catalog.Package> packages = inventory.packages();
        if (inventory.distro().isPresent() && packages.stream().anyMatch(p -> OS_PACKAGE_TYPES.contains(p.type()))) {
            out.add(feedFor(inventory.distro().get().id()));
        }
        for (OsvEcosystem eco : OsvEcosystem.values()) {
            if (packages.stream().anyMatch(p -> p.type().equals(eco.purlType()))) {
                out.add(OsvUpdater.NAME + "/" + eco.osvName());
            }
        }
        return List.copyOf(out);
    }
}
