package io.plimsoll.ecosystem;

import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.binary.ExecutableReader;
import io.plimsoll.ecosystem.testing.RpmRootfs;
import io.plimsoll.model.Distro;
import io.plimsoll.model.PackageType;
import io.plimsoll.model.version.VersionScheme;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.match.MatchRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What every registered ecosystem gives the engine, and what the engine derives from that. */
class EcosystemsTest {

    @Test
    void listsWhatEveryRegisteredEcosystemProvides() {
        assertThat(Ecosystems.all()).extracting(EcosystemsTest::describe).containsExactly(
                "debian os types={deb=deb} schemes=[deb] catalogers=[dpkg] readers=[] updaters=[debian]"
                        + " rules=[debian] distros=[debian->debian files=[/etc/debian_version] supplement"
                        + " codename-in-version purl-release=major] namespaces={debian=deb} osv=[]",
                "rpm os types={rpm=rpm} schemes=[rpm] catalogers=[rpm] readers=[] updaters=[]"
                        + " rules=[] distros=[centos->none names=[CentOS] cpe=[centos] like=rhel"
                        + " files=[/etc/centos-release],"
                        + " scientific->none names=[Scientific Linux] cpe=[scientificlinux] like=rhel,"
                        + " fedora->none names=[Fedora] cpe=[fedoraproject]] namespaces={} osv=[]",
                "alpine os types={apk=apk} schemes=[apk] catalogers=[apk] readers=[] updaters=[alpine]"
                        + " rules=[alpine] distros=[alpine->alpine files=[/etc/alpine-release] supplement]"
                        + " namespaces={alpine=apk} osv=[]",
                "redhat os types={} schemes=[] catalogers=[] readers=[] updaters=[redhat]"
                        + " rules=[rhel] distros=[rhel->redhat names=[Red Hat Enterprise Linux] cpe=[redhat]"
                        + " files=[/etc/redhat-release] purl=redhat] namespaces={rhel=rpm} osv=[]",
                "oracle os types={} schemes=[] catalogers=[] readers=[] updaters=[oracle] rules=[oracle]"
                        + " distros=[ol->oracle names=[Oracle Linux, Enterprise Linux Enterprise Linux] cpe=[oracle]"
                        + " like=rhel files=[/etc/oracle-release] purl=oracle] namespaces={ol=rpm} osv=[]",
                "azurelinux os types={} schemes=[] catalogers=[] readers=[] updaters=[azurelinux]"
                        + " rules=[azurelinux] distros=[azurelinux->azurelinux[3.0],"
                        + " mariner->azurelinux[1.0, 2.0]]"
                        + " namespaces={azurelinux=rpm, mariner=rpm} osv=[]",
                "suse os types={} schemes=[] catalogers=[] readers=[] updaters=[suse] rules=[suse]"
                        + " distros=[opensuse-leap->suse purl=opensuse, sles->suse purl=suse[sled],"
                        + " sle-micro->suse purl=suse, sl-micro->suse purl=suse,"
                        + " opensuse-leap-micro->suse purl=opensuse,"
                        + " opensuse-tumbleweed->suse purl=opensuse[opensuse]]"
                        + " namespaces={opensuse-leap=rpm, opensuse-leap-micro=rpm, opensuse-tumbleweed=rpm,"
                        + " sl-micro=rpm, sle-micro=rpm, sles=rpm} osv=[]",
                "ubuntu os types={} schemes=[] catalogers=[] readers=[] updaters=[ubuntu]"
                        + " rules=[ubuntu] distros=[ubuntu->ubuntu files=[/etc/lsb-release] supplement"
                        + " codename-in-version] namespaces={ubuntu=deb} osv=[]",
                "alma os types={} schemes=[] catalogers=[] readers=[] updaters=[alma] rules=[alma]"
                        + " distros=[almalinux->alma[8, 9, 10] names=[AlmaLinux] cpe=[almalinux] like=rhel]"
                        + " namespaces={almalinux=rpm} osv=[]",
                "rocky os types={} schemes=[] catalogers=[] readers=[] updaters=[rocky] rules=[rocky]"
                        + " distros=[rocky->rocky names=[Rocky Linux] cpe=[rocky] like=rhel]"
                        + " namespaces={rocky=rpm} osv=[]",
                "amazon os types={} schemes=[] catalogers=[] readers=[] updaters=[amazon] rules=[amazon]"
                        + " distros=[amzn->amazon[2, 2023] names=[Amazon Linux] cpe=[amazon] files=[/etc/system-release]"
                        + " purl=amazon] namespaces={amzn=rpm} osv=[] source-parts",
                "wolfi os types={} schemes=[] catalogers=[] readers=[] updaters=[wolfi, chainguard]"
                        + " rules=[wolfi, chainguard] distros=[wolfi->wolfi, chainguard->chainguard]"
                        + " namespaces={chainguard=apk, wolfi=apk} osv=[]",
                "photon os types={} schemes=[] catalogers=[] readers=[] updaters=[photon] rules=[photon]"
                        + " distros=[photon->photon] namespaces={photon=rpm} osv=[]",
                "java types={maven=maven} schemes=[maven] catalogers=[java-archive, gradle-lockfile] readers=[]"
                        + " updaters=[] rules=[osv-maven] distros=[] namespaces={Maven=maven} osv=[MAVEN]",
                "npm types={npm=semver} schemes=[semver] catalogers=[npm] readers=[] updaters=[]"
                        + " rules=[osv-npm] distros=[] namespaces={npm=semver} osv=[NPM]",
                "golang types={golang=go} schemes=[go] catalogers=[go-mod] readers=[go-binary] updaters=[]"
                        + " rules=[osv-go] distros=[] namespaces={Go=go} osv=[GO]",
                "python types={pypi=pep440} schemes=[pep440] catalogers=[python-installed, python-lock] readers=[]"
                        + " updaters=[] rules=[osv-pypi] distros=[] namespaces={PyPI=pep440} osv=[PYPI]",
                "ruby types={gem=gem} schemes=[gem] catalogers=[gem] readers=[] updaters=[]"
                        + " rules=[osv-rubygems] distros=[] namespaces={RubyGems=gem} osv=[RUBYGEMS]",
                "dotnet types={nuget=nuget} schemes=[nuget] catalogers=[dotnet] readers=[] updaters=[]"
                        + " rules=[osv-nuget] distros=[] namespaces={NuGet=nuget} osv=[NUGET]",
                "php types={composer=composer} schemes=[composer] catalogers=[composer] readers=[] updaters=[]"
                        + " rules=[osv-packagist] distros=[] namespaces={Packagist=composer} osv=[PACKAGIST]",
                "rust types={cargo=semver} schemes=[] catalogers=[cargo-lock] readers=[cargo-auditable] updaters=[]"
                        + " rules=[osv-crates.io] distros=[] namespaces={crates.io=semver} osv=[CRATES_IO]",
                "osv types={} schemes=[] catalogers=[] readers=[] updaters=[osv]"
                        + " rules=[] distros=[] namespaces={} osv=[]");
    }

    @Test
    void derivesTheEngineWideListsFromTheDescriptors() {
        assertThat(Ecosystems.osPackageTypes())
                .containsExactlyInAnyOrder(PackageType.DEB, PackageType.RPM, PackageType.APK);
        assertThat(Ecosystems.updaters(java.util.Optional.empty())).extracting(Updater::name)
                .containsExactly("debian", "alpine", "redhat", "oracle", "azurelinux", "suse", "ubuntu", "alma",
                        "rocky", "amazon", "wolfi", "chainguard", "photon", "osv", "nvd", "kev", "epss");
        assertThat(Ecosystems.catalogers()).extracting(Cataloger::name).last().isEqualTo("executables");
        assertThat(VersionSchemes.all()).extracting(VersionScheme::name)
                .containsExactly("deb", "rpm", "apk", "maven", "semver", "go", "pep440", "gem", "nuget", "composer");
    }

    @Test
    void derivesTheDetectorsTablesFromTheDistroHints() {
        // the order older release files are tried in: the most specific first
        assertThat(Ecosystems.releaseFiles()).extracting(ReleaseFile::path).containsExactly("/etc/lsb-release",
                "/etc/alpine-release", "/etc/oracle-release", "/etc/centos-release", "/etc/redhat-release",
                "/etc/system-release", "/etc/debian_version");
        assertThat(Ecosystems.idForReleaseName("Enterprise Linux Enterprise Linux Server")).contains("ol");
        assertThat(Ecosystems.idForReleaseName("centos linux")).contains("centos");
        assertThat(Ecosystems.idForReleaseName("Gentoo Base System")).isEmpty();
        assertThat(Ecosystems.idForCpeVendor("fedoraproject")).contains("fedora");
        assertThat(Ecosystems.idForCpeVendor("gentoo")).isEmpty();
    }

    @Test
    void mapsEachDistroToItsFeedAndAnUncoveredOneToItself() {
        assertThat(Ecosystems.feedFor("rhel")).isEqualTo("redhat");
        assertThat(Ecosystems.feedFor("debian")).isEqualTo("debian");
        assertThat(Ecosystems.feedFor("rocky")).isEqualTo("rocky");
        assertThat(Ecosystems.feedFor("almalinux")).isEqualTo("alma");
        assertThat(Ecosystems.feedFor("gentoo")).isEqualTo("gentoo");
    }

    @Test
    void aReleaseItsFeedDoesNotPublishNeedsDataNamedByItsNamespace(@TempDir Path tmp) throws Exception {
        // Amazon Linux 1's os-release, as its images ship it: the amazon feed has AL2 and AL2023 only
        String al1 = "NAME=\"Amazon Linux AMI\"\nVERSION=\"2018.03\"\nID=\"amzn\"\nID_LIKE=\"rhel fedora\"\n"
                + "VERSION_ID=\"2018.03\"\nPRETTY_NAME=\"Amazon Linux AMI 2018.03\"\n"
                + "CPE_NAME=\"cpe:/o:amazon:linux:2018.03:ga\"\n";
        Inventory old = RpmRootfs.withOsRelease(al1).rpm("openssl", 1, "1.0.2k", "16.151.amzn1", "x86_64", null)
                .catalog(tmp.resolve("al1"));
        assertThat(Ecosystems.dataNeeded(old)).containsExactly("amzn:2018.03");

        Inventory al2 = RpmRootfs.withOsRelease(al1.replace("2018.03", "2"))
                .rpm("openssl", 1, "1.0.2k", "16.amzn2.1.1", "x86_64", null).catalog(tmp.resolve("al2"));
        assertThat(Ecosystems.dataNeeded(al2)).containsExactly("amazon");

        assertThat(Ecosystems.feedFor(distro("almalinux", "8.9"))).isEqualTo("alma");
        assertThat(Ecosystems.feedFor(distro("almalinux", "7.9"))).isEqualTo("almalinux:7");
        assertThat(Ecosystems.feedFor(distro("mariner", "2.0.20240301"))).isEqualTo("azurelinux");
        assertThat(Ecosystems.feedFor(distro("mariner", "3.0"))).isEqualTo("mariner:3.0");
        // a feed that lists no releases covers all, and a distro with no feed is named by its id, as before
        assertThat(Ecosystems.feedFor(distro("photon", "1.0"))).isEqualTo("photon");
        assertThat(Ecosystems.feedFor(distro("centos", "7"))).isEqualTo("centos");
    }

    private static Distro distro(String id, String versionId) {
        return new Distro(id, versionId, "", "", "", List.of());
    }

    @Test
    void theEcosystemThatOrdersAPackageTypeAlsoSaysHowToUpgradeIt() {
        Ecosystems.all().forEach(e -> e.packageTypes().keySet().forEach(t -> assertThat(
                Ecosystems.all().stream().anyMatch(o -> o.upgradeCommands().containsKey(t))).as(t.name()).isTrue()));
        Package apk = new Package("apk", "busybox", "1.36.1-r15", "x86_64",
                "busybox", "1.36.1-r15", List.of(), "pkg:apk/alpine/busybox@1.36.1-r15", List.of(), "apk",
                "/lib/apk/db/installed", null, Map.of());
        assertThat(Ecosystems.upgradeCommand(apk, "busybox", "1.36.1-r19")).isEqualTo("apk add busybox=1.36.1-r19");
        assertThat(Ecosystems.upgradeCommand(new Package("alpm", "zlib", "1.3-1", "", "zlib",
                "1.3-1", List.of(), "pkg:alpm/arch/zlib@1.3-1", List.of(), "alpm", "/var/lib/pacman", null,
                Map.of()), "zlib", "1.3.1-1")).isEqualTo("upgrade zlib to 1.3.1-1");
    }

    @Test
    void anRpmIsUpgradedWithTheImagesOwnPackageManager() {
        assertThat(Ecosystems.upgradeCommand(rpm("pkg:rpm/opensuse/openssl@3.1.4-1.1?arch=x86_64&distro=opensuse-leap-15.5"),
                "openssl", "3.1.4-2.1")).isEqualTo("zypper install 'openssl>=3.1.4-2.1'");
        assertThat(Ecosystems.upgradeCommand(rpm("pkg:rpm/suse/openssl@3.1.4-1.1?arch=x86_64&distro=sles-15.5"),
                "openssl", "3.1.4-2.1")).isEqualTo("zypper install 'openssl>=3.1.4-2.1'");
        assertThat(Ecosystems.upgradeCommand(rpm("pkg:rpm/amazon/openssl@1.0.2k-16.amzn2?arch=x86_64&distro=amzn-2"),
                "openssl", "1:1.0.2k-24.amzn2.0.4")).isEqualTo("yum upgrade openssl-1:1.0.2k-24.amzn2.0.4");
        assertThat(Ecosystems.upgradeCommand(rpm("pkg:rpm/centos/openssl@1.0.2k-16.el7?arch=x86_64&distro=centos-7"),
                "openssl", "1:1.0.2k-26.el7_9")).isEqualTo("yum upgrade openssl-1:1.0.2k-26.el7_9");
        assertThat(Ecosystems.upgradeCommand(rpm("pkg:rpm/amazon/openssl@3.0.8-1.amzn2023?arch=x86_64&distro=amzn-2023"),
                "openssl", "1:3.0.8-1.amzn2023.0.9")).isEqualTo("dnf upgrade openssl-1:3.0.8-1.amzn2023.0.9");
        assertThat(Ecosystems.upgradeCommand(rpm("pkg:rpm/redhat/openssl@3.0.7-24.el9?arch=x86_64&distro=rhel-9.4"),
                "openssl", "1:3.0.7-27.el9")).isEqualTo("dnf upgrade openssl-1:3.0.7-27.el9");
    }

    private static Package rpm(String purl) {
        return new Package("rpm", "openssl", "1", "x86_64", "openssl", "1", List.of(), purl, List.of(), "rpm",
                "/var/lib/rpm/rpmdb.sqlite", null, Map.of());
    }

    @Test
    void everyTypeAndNamespaceHasARegisteredScheme() {
        // a namespace without a scheme would count every version as affected
        Ecosystems.all().forEach(e -> {
            e.packageTypes().keySet().forEach(t -> assertThat(Ecosystems.schemeFor(t)).as(t.name()).isPresent());
            e.namespaces().keySet().forEach(n -> assertThat(Ecosystems.schemeForNamespace(n)).as(n).isPresent());
            e.osv().forEach(o -> assertThat(e.packageTypes().get(o.purlType())).as(o.name()).isEqualTo(o.scheme()));
        });
        assertThat(Ecosystems.schemeForNamespace("debian:12")).get().extracting(VersionScheme::name).isEqualTo("deb");
        assertThat(Ecosystems.schemeForNamespace("ubuntu:22.04")).get().extracting(VersionScheme::name)
                .isEqualTo("deb");
        assertThat(Ecosystems.schemeForType("cargo")).get().extracting(VersionScheme::name).isEqualTo("semver");
        assertThat(Ecosystems.schemeForType("alpm")).isEmpty();
        assertThat(Ecosystems.schemeForNamespace("wolfi:rolling")).get().extracting(VersionScheme::name)
                .isEqualTo("apk");
        assertThat(Ecosystems.schemeForNamespace("arch:rolling")).isEmpty();
    }

    private static String describe(Ecosystem e) {
        return e.name() + (e.os() ? " os" : "") + " types=" + new TreeMap<>(e.packageTypes())
                + " schemes=" + e.versionSchemes().stream().map(VersionScheme::name).toList()
                + " catalogers=" + e.catalogers().get().stream().map(Cataloger::name).toList()
                + " readers=" + e.executableReaders().get().stream().map(ExecutableReader::name).toList()
                + " updaters=" + e.updaters().get().stream().map(Updater::name).toList()
                + " rules=" + e.matchRules().stream().map(MatchRule::name).toList()
                + " distros=" + e.distros().stream()
                        .map(d -> d.id() + "->" + d.describeFeed() + d.describeHints()).toList()
                + " namespaces=" + sorted(e.namespaces()) + " osv=" + e.osv()
                + (e.sourceParts() == SourceParts.NONE ? "" : " source-parts");
    }

    private static String sorted(Map<String, String> m) {
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
