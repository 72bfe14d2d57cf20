package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.alma.AlmaEcosystem;
import io.plimsoll.ecosystem.amazon.AmazonEcosystem;
import io.plimsoll.ecosystem.amazon.AmazonUpdateInfoUpdater;
import io.plimsoll.ecosystem.alpine.AlpineEcosystem;
import io.plimsoll.ecosystem.azurelinux.AzureLinuxEcosystem;
import io.plimsoll.ecosystem.binary.ExecutableCataloger;
import io.plimsoll.ecosystem.binary.ExecutableReader;
import io.plimsoll.ecosystem.debian.DebianEcosystem;
import io.plimsoll.ecosystem.distro.ReleaseFileProbe;
import io.plimsoll.ecosystem.dotnet.DotnetEcosystem;
import io.plimsoll.ecosystem.golang.GoEcosystem;
import io.plimsoll.ecosystem.java.JavaEcosystem;
import io.plimsoll.ecosystem.npm.NpmEcosystem;
import io.plimsoll.ecosystem.oracle.OracleEcosystem;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.ecosystem.osv.OsvFeedEcosystem;
import io.plimsoll.ecosystem.osv.OsvUpdater;
import io.plimsoll.ecosystem.php.PhpEcosystem;
import io.plimsoll.ecosystem.photon.PhotonEcosystem;
import io.plimsoll.ecosystem.python.PythonEcosystem;
import io.plimsoll.ecosystem.redhat.RedHatEcosystem;
import io.plimsoll.ecosystem.rocky.RockyEcosystem;
import io.plimsoll.ecosystem.rpm.RpmEcosystem;
import io.plimsoll.ecosystem.suse.SuseEcosystem;
import io.plimsoll.ecosystem.ruby.RubyEcosystem;
import io.plimsoll.ecosystem.rust.RustEcosystem;
import io.plimsoll.ecosystem.ubuntu.UbuntuEcosystem;
import io.plimsoll.ecosystem.wolfi.WolfiEcosystem;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Namespace;
import io.plimsoll.model.PackageType;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.enrichment.EpssUpdater;
import io.plimsoll.vuln.enrichment.KevUpdater;
import io.plimsoll.vuln.enrichment.NvdUpdater;
import io.plimsoll.vuln.advice.UpgradeCommand;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.match.MatchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place ecosystems register with the engine: adding a distro or language is its own package and one line
 * here. Everything the engine needs across ecosystems is derived from the registered {@link Ecosystem}s.
 */
public final class Ecosystems {

    /*
     * The order is what users see: version schemes are listed in it ({@code version compare}), feeds are updated and
     * listed in it ({@code db update}), catalogers run in it (their warnings follow it).
     */
    private static final List<Ecosystem> ALL = List.of(
            DebianEcosystem.DESCRIPTOR,
            RpmEcosystem.DESCRIPTOR,
            AlpineEcosystem.DESCRIPTOR,
            RedHatEcosystem.DESCRIPTOR,
            OracleEcosystem.DESCRIPTOR,
            AzureLinuxEcosystem.DESCRIPTOR,
            SuseEcosystem.DESCRIPTOR,
            UbuntuEcosystem.DESCRIPTOR,
            AlmaEcosystem.DESCRIPTOR,
            RockyEcosystem.DESCRIPTOR,
            AmazonEcosystem.DESCRIPTOR,
            WolfiEcosystem.DESCRIPTOR,
            PhotonEcosystem.DESCRIPTOR,
            JavaEcosystem.DESCRIPTOR,
            NpmEcosystem.DESCRIPTOR,
            GoEcosystem.DESCRIPTOR,
            PythonEcosystem.DESCRIPTOR,
            RubyEcosystem.DESCRIPTOR,
            DotnetEcosystem.DESCRIPTOR,
            PhpEcosystem.DESCRIPTOR,
            RustEcosystem.DESCRIPTOR,
            OsvFeedEcosystem.DESCRIPTOR);

    private static final List<DistroFamily> FAMILIES = ALL.stream().flatMap(e -> e.distros().stream()).toList();

    private static final Set<PackageType> OS_PACKAGE_TYPES = ALL.stream().filter(Ecosystem::os)
            .flatMap(e -> e.packageTypes().keySet().stream()).collect(Collectors.toUnmodifiableSet());

    private Ecosystems() {
    }

    /** Every registered ecosystem, in registration order. */
    public static List<Ecosystem> all() {
        return ALL;
    }

    public static DistroProbe distroProbe() {
        return new ReleaseFileProbe();
    }

    /** Fresh instances: streaming catalogers keep state for one run. */
    public static List<Cataloger> catalogers() {
        List<Cataloger> out = new ArrayList<>();
        List<ExecutableReader> readers = new ArrayList<>();
        for (Ecosystem e : ALL) {
            out.addAll(e.catalogers().get());
            readers.addAll(e.executableReaders().get());
        }
        // executables are read once for every ecosystem that embeds its dependencies in them
        out.add(new ExecutableCataloger(readers));
        return List.copyOf(out);
    }

    /** Every vulnerability data source, in the order {@code db update} lists them. */
    public static List<Updater> updaters() {
        return updaters(Optional.ofNullable(System.getenv("NVD_API_KEY")).filter(k -> !k.isBlank()));
    }

    /** Every vulnerability data source; {@code nvdApiKey} raises NVD's rate limit. */
    public static List<Updater> updaters(Optional<String> nvdApiKey) {
        return updaters(nvdApiKey, Optional.empty());
    }

    /**
     * Every vulnerability data source; {@code nvdApiKey} raises NVD's rate limit, and {@code amazonExtras}, when
     * given, are the Amazon Linux 2 extras topics {@code amazon} reads instead of its default list.
     */
    public static List<Updater> updaters(Optional<String> nvdApiKey, Optional<List<String>> amazonExtras) {
        List<Updater> out = new ArrayList<>();
        ALL.forEach(e -> out.addAll(e.updaters().get()));
        amazonExtras.ifPresent(topics -> out.replaceAll(u -> u instanceof AmazonUpdateInfoUpdater
                ? new AmazonUpdateInfoUpdater(topics) : u));
        // enrichment for every ecosystem's findings, after the sources that say what is affected
        out.add(new NvdUpdater(nvdApiKey));
        out.add(new KevUpdater());
        out.add(new EpssUpdater());
        return List.copyOf(out);
    }

    /** How each ecosystem's packages are looked up in the vulnerability data. */
    public static List<MatchRule> matchRules() {
        return ALL.stream().flatMap(e -> e.matchRules().stream()).toList();
    }

    /**
     * The command that upgrades {@code pkg} to {@code version}, as its ecosystem's descriptor words it (a generic
     * sentence for a type none registers a command for).
     */
    public static String upgradeCommand(Package pkg, String matchedName, String version) {
        return packageType(pkg.type()).flatMap(t -> ALL.stream().map(e -> e.upgradeCommands().get(t))
                        .filter(java.util.Objects::nonNull).findFirst())
                .map(c -> c.of(pkg, matchedName, version)).orElseGet(() -> UpgradeCommand.generic(pkg, version));
    }

    /** Every version scheme, in registration order. */
    public static List<VersionScheme> versionSchemes() {
        return ALL.stream().flatMap(e -> e.versionSchemes().stream()).toList();
    }

    /** The scheme the versions of packages of PURL type {@code purlType} are ordered by. */
    public static Optional<VersionScheme> schemeForType(String purlType) {
        return packageType(purlType).flatMap(Ecosystems::schemeFor);
    }

    /** The scheme the versions of packages of {@code type} are ordered by, as its ecosystem registers it. */
    public static Optional<VersionScheme> schemeFor(PackageType type) {
        return ALL.stream().map(e -> e.packageTypes().get(type)).filter(java.util.Objects::nonNull).findFirst()
                .flatMap(VersionSchemes::byName);
    }

    /** The registered type a package's raw type string names; empty for a type no ecosystem produces. */
    public static Optional<PackageType> packageType(String purlType) {
        return ALL.stream().flatMap(e -> e.packageTypes().keySet().stream()).filter(t -> t.is(purlType))
                .findFirst();
    }

    /**
     * The scheme the versions of packages filed under {@code namespace} ({@code debian:12}, {@code npm}) compare
     * with: the one its family (the part before ':') is registered with.
     */
    public static Optional<VersionScheme> schemeForNamespace(String namespace) {
        return Namespace.tryParse(namespace).flatMap(Ecosystems::schemeFor);
    }

    /** The scheme rows filed under {@code namespace} compare with: the one its family is registered with. */
    public static Optional<VersionScheme> schemeFor(Namespace namespace) {
        return ALL.stream().map(e -> e.namespaces().get(namespace.family())).filter(java.util.Objects::nonNull)
                .findFirst().flatMap(VersionSchemes::byName);
    }

    /** The package types of OS packages, whose data comes from the distro's own feed. */
    public static Set<PackageType> osPackageTypes() {
        return OS_PACKAGE_TYPES;
    }

    /** Whether packages of {@code type} are a distribution's: an {@link Ecosystem#os()} ecosystem registers it. */
    public static boolean isOs(PackageType type) {
        return OS_PACKAGE_TYPES.contains(type);
    }

    /** {@link #isOs} for a package's raw type string. */
    public static boolean isOsPackageType(String purlType) {
        return packageType(purlType).map(Ecosystems::isOs).orElse(false);
    }

    /**
     * The feed (updater name) for a distro id, as the ecosystem serving that distro says ({@code rhel} →
     * {@code redhat}); a distro no ecosystem covers is named by its own id, so its absence is seen.
     */
    public static String feedFor(String distroId) {
        return family(distroId).flatMap(DistroFamily::feed).orElse(distroId);
    }

    /**
     * The data an image of {@code distro} needs for its OS packages: its family's feed ({@code amazon}) when that
     * feed publishes the image's release; else a name no feed has, so the absence is seen: the distro id when no
     * feed covers the distro at all ({@code centos}), or its namespace when the feed skips this release
     * ({@code amzn:2018.03}, which Amazon's feed does not publish).
     */
    public static String feedFor(Distro distro) {
        Optional<DistroFamily> family = family(distro.id());
        if (family.isPresent() && family.get().feed().isPresent() && !family.get().feedCovers(distro)) {
            return namespaceOf(distro);
        }
        return feedFor(distro.id());
    }

    /** The distribution family registered for an os-release id. */
    public static Optional<DistroFamily> family(String distroId) {
        return FAMILIES.stream().filter(d -> d.id().equals(distroId)).findFirst();
    }

    /** Every registered distribution family, in registration order. */
    public static List<DistroFamily> families() {
        return FAMILIES;
    }

    /** Every registered family's older release files, in the order they are tried ({@link ReleaseFile#rank}). */
    public static List<ReleaseFile> releaseFiles() {
        return FAMILIES.stream().flatMap(f -> f.releaseFiles().stream())
                .sorted(Comparator.comparingInt(ReleaseFile::rank)).toList();
    }

    /** The family whose release files start with product name {@code name} ({@code CentOS Linux} → centos). */
    public static Optional<String> idForReleaseName(String name) {
        return FAMILIES.stream().filter(f -> f.releaseNames().stream()
                .anyMatch(n -> name.regionMatches(true, 0, n, 0, n.length()))).map(DistroFamily::id).findFirst();
    }

    /** The family whose system-release-cpe has vendor {@code vendor} ({@code redhat} → rhel). */
    public static Optional<String> idForCpeVendor(String vendor) {
        return FAMILIES.stream().filter(f -> f.cpeVendors().contains(vendor)).map(DistroFamily::id).findFirst();
    }

    /** The namespace of PURLs of packages of distribution {@code distroId}: {@code rhel} → redhat; else the id. */
    public static String purlNamespaceOf(String distroId) {
        return FAMILIES.stream().filter(f -> f.id().equals(distroId) || f.purlAliases().contains(distroId))
                .map(DistroFamily::purlNamespace).findFirst().orElse(distroId);
    }

    /**
     * The PURL {@code distro} qualifier as os-release would spell it, as the family says: {@code debian-12}
     * (Debian's os-release gives the major release, not the point release of debian_version),
     * {@code alpine-3.19.1}, {@code rhel-9.4}.
     */
    public static String purlQualifier(Distro distro) {
        ReleaseKey key = family(distro.id()).map(DistroFamily::purlRelease).orElse(ReleaseKey.AS_WRITTEN);
        return DistroFamily.purlQualifier(distro, key);
    }

    /**
     * The key vulnerability feeds are grouped by, {@code family:release}: {@code debian:12}, {@code ubuntu:22.04},
     * {@code rhel:9}, {@code wolfi:rolling}, as the distribution's family says ({@link DistroFamily#releases()});
     * a distribution no ecosystem registers keeps VERSION_ID as written ({@code arch}, {@code vyos:1.4}). The
     * family is the distribution's own ID: mapping a rebuild onto its parent's feed ({@code rocky} onto
     * {@code rhel}) is the matcher's call, with {@link Distro#idLike()} to go on. Without an ID the first
     * registered {@code ID_LIKE} stands in. With no release to go on the key is the family alone, and "" when even
     * that is unknown.
     */
    public static String namespaceOf(Distro distro) {
        return namespace(distro).map(Namespace::toString).orElse("");
    }

    /** {@link #namespaceOf} as a value: empty when not even the family is known. */
    public static Optional<Namespace> namespace(Distro distro) {
        String id = familyId(distro);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String release = family(id).map(DistroFamily::releases).orElse(ReleaseKey.AS_WRITTEN).release(distro);
        return Optional.of(new Namespace(id, release));
    }

    private static String familyId(Distro distro) {
        if (!distro.id().isEmpty()) {
            return distro.id();
        }
        return distro.idLike().stream().map(l -> l.toLowerCase(Locale.ROOT)).filter(l -> family(l).isPresent())
                .findFirst().orElse("");
    }

    /**
     * The data an inventory needs to be matched, as source names and source parts: the distro's feed when the image
     * has OS packages ({@code debian}; a distro or release no updater covers is still named, so its absence is seen:
     * {@link #feedFor(Distro)}), the parts of it its packages need ({@link #partsNeeded}: {@code amazon/extras/docker}),
     * and {@code osv/ECOSYSTEM} for each OSV ecosystem its language packages belong to, in the order the OSV source
     * lists them. Enrichment (NVD, KEV, EPSS) adds scores but never findings, so it is never needed.
     */
    public static List<String> dataNeeded(Inventory inventory) {
        Set<String> out = new LinkedHashSet<>();
        List<Package> packages = inventory.packages();
        if (inventory.distro().isPresent() && packages.stream().anyMatch(p -> isOsPackageType(p.type()))) {
            out.add(feedFor(inventory.distro().get()));
        }
        partsNeeded(inventory).forEach(p -> out.add(p.name()));
        Set<String> types = packages.stream().map(Package::type).collect(Collectors.toSet());
        Set<OsvEcosystem> registered = ALL.stream().flatMap(e -> e.osv().stream()).collect(Collectors.toSet());
        Arrays.stream(OsvEcosystem.values()).filter(registered::contains)
                .filter(e -> types.contains(e.purlType().name()))
                .forEach(e -> out.add(OsvUpdater.NAME + "/" + e.osvName()));
        return List.copyOf(out);
    }

    /**
     * The parts of their feeds the inventory's packages need beyond the feeds as a whole, as their ecosystems say
     * ({@link Ecosystem#sourceParts()}), each once, by name.
     */
    public static List<SourceParts.Part> partsNeeded(Inventory inventory) {
        java.util.Map<String, SourceParts.Part> out = new java.util.TreeMap<>();
        for (Ecosystem e : ALL) {
            if (e.sourceParts() == SourceParts.NONE) {
                continue;
            }
            for (Package p : inventory.packages()) {
                e.sourceParts().needed(p, inventory.distro()).forEach(part -> out.putIfAbsent(part.name(), part));
            }
        }
        return List.copyOf(out.values());
    }
}
