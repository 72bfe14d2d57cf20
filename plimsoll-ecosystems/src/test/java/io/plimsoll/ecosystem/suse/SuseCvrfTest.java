package io.plimsoll.ecosystem.suse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.testing.RpmRootfs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.FeedServer;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import io.plimsoll.vuln.testing.TestFetchers;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SUSE CVRF: vuln-list-update's real advisories, and matching openSUSE Leap and SLES images per release. */
class SuseCvrfTest {

    static final String TESTDATA = "feeds/vuln-list-update/suse/cvrf/testdata/";

    @TempDir
    Path tmp;

    RecordingSink update(String... extraResources) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("from/suse/cvrf"));
        try (Stream<Path> files = Files.list(SharedCorpus.require(TESTDATA + "cvrf"))) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        for (String r : extraResources) {
            try (InputStream in = SuseCvrfTest.class.getResourceAsStream(r)) {
                Files.copy(in, folder.resolve(r));
            }
        }
        RecordingSink sink = new RecordingSink();
        new SuseCvrfUpdater().update(new LocalFeedFetcher("suse", tmp.resolve("from/suse")), sink);
        return sink;
    }

    @Test
    void theRealAdvisoriesLoadIncludingOneThatIsNotValidUtf8() throws Exception {
        RecordingSink sink = update();
        assertThat(sink.advisories).hasSize(11);
        // cvrf-opensuse-su-2016-0874-1.xml has a Latin-1 byte in its details: read, not refused
        assertThat(sink.advisories).extracting(Advisory::id).contains("openSUSE-SU-2016:0874-1");
        Advisory glibc = sink.advisories.stream().filter(a -> a.id().equals("openSUSE-SU-2018:1633-1")).findFirst()
                .orElseThrow();
        assertThat(glibc.aliases()).containsExactly("CVE-2018-11237");
        assertThat(glibc.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(glibc.title()).isEqualTo("Security update for glibc");
        assertThat(sink.affected).filteredOn(a -> a.advisoryId().equals("openSUSE-SU-2018:1633-1")).hasSize(19)
                .allSatisfy(a -> assertThat(a.namespace()).isEqualTo("opensuse-leap:15.0"))
                .filteredOn(a -> a.name().equals("glibc-devel")).singleElement()
                .satisfies(a -> assertThat(a.ranges().get(0).fixed()).contains("2.26-lp150.11.3.2"));
        // rows are kept for the products an image can be: Leap and SLES/SLED releases (modules under SLES)
        java.util.TreeSet<String> namespaces = sink.affected.stream().map(AffectedPackage::namespace)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(namespaces).containsExactly("opensuse-leap:15.0", "sled:12.3", "sled:12.4", "sles:11.4",
                "sles:12", "sles:15.1");
    }

    @Test
    void productNamesMapToTheReleaseAnImageSays() {
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Server 15 SP1")).contains("sles:15.1");
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Server 15")).contains("sles:15");
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Server 11 SP4-LTSS")).contains("sles:11.4");
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Module for Realtime packages 15 SP1")).contains("sles:15.1");
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Desktop 12 SP4")).contains("sled:12.4");
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Server for SAP Applications 12 SP4")).isEmpty();
        assertThat(SuseProducts.namespace("SUSE Linux Enterprise Point of Sale 11 SP3")).isEmpty();
        assertThat(SuseProducts.namespace("openSUSE Leap 15.0")).contains("opensuse-leap:15.0");
        assertThat(SuseCvrfUpdater.sortable("05-Jul-2023 12:34")).isEqualTo("2023-07-05 12:34");
        assertThat(SuseCvrfUpdater.sortable("2023-07-05 12:34")).isEqualTo("2023-07-05 12:34");
        assertThat(SuseCvrfUpdater.splitNevr("glibc-devel-static-32bit-2.26-lp150.11.3.2"))
                .hasValueSatisfying(nv -> assertThat(nv).containsExactly("glibc-devel-static-32bit", "2.26-lp150.11.3.2"));
    }

    @Test
    void aDamagedAdvisoryIsOneLineNamingIt() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("broken/suse/cvrf"));
        Files.copy(SharedCorpus.require(TESTDATA + "broken-cvrf/cvrf-suse-su-2018-1784-1.xml"),
                folder.resolve("cvrf-suse-su-2018-1784-1.xml"));
        assertThatThrownBy(() -> new SuseCvrfUpdater().update(new LocalFeedFetcher("suse", tmp.resolve("broken/suse")),
                new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageContaining("cvrf-suse-su-2018-1784-1.xml: invalid XML at line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    static List<Finding> match(RecordingSink sink, Inventory inv) {
        return new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inv.packages(), inv.distro());
    }

    @Test
    void anOpenSuseLeap150RootfsMatchesOnlyItsReleasesSecurityFixes() throws Exception {
        RecordingSink sink = update("cvrf-suse-ru-2018-1000-1.xml");
        assertThat(sink.advisories).extracting(Advisory::id).doesNotContain("openSUSE-RU-2018:1000-1");
        String osRelease;
        try (InputStream in = SuseCvrfTest.class.getResourceAsStream("opensuse-leap-15.0-os-release")) {
            osRelease = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Inventory inv = RpmRootfs.withOsRelease(osRelease)
                .rpm("glibc", null, "2.26", "lp150.10.1", "x86_64", "glibc-2.26-lp150.10.1.src.rpm")          // below
                .rpm("nscd", null, "2.26", "lp150.11.3.2", "x86_64", "glibc-2.26-lp150.11.3.2.src.rpm")        // at fix
                .rpm("timezone", null, "2018d", "lp150.1.1", "noarch", "timezone-2018d-lp150.1.1.src.rpm")     // RU only
                .catalog(tmp.resolve("leap"));
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("opensuse-leap:15.0"));
        assertThat(match(sink, inv)).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("glibc");
            assertThat(f.advisory().id()).isEqualTo("openSUSE-SU-2018:1633-1");
            assertThat(f.advisory().aliases()).containsExactly("CVE-2018-11237");
            assertThat(f.fixedVersions()).containsExactly("2.26-lp150.11.3.2");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void aSles15Sp2RootfsIsNotMatchedAgainstSp1sModules() throws Exception {
        RecordingSink sink = update();
        // the rows of "Module for Realtime packages 15 SP1" are sles:15.1; this real SLES 15 SP2 os-release is 15.2
        AffectedPackage sp1 = sink.affected.stream().filter(a -> a.namespace().equals("sles:15.1")).findFirst()
                .orElseThrow();
        String osRelease = Files.readString(SharedCorpus.require("corpus/syft/syft/linux/testdata/os/sles/etc/os-release"));
        Inventory sp2 = RpmRootfs.withOsRelease(osRelease)
                .rpm(sp1.name(), null, "0.1", "1.1", "x86_64", null).catalog(tmp.resolve("sles152"));
        assertThat(sp2.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("sles:15.2"));
        assertThat(match(sink, sp2)).isEmpty();
        // the same package on SLES 15 SP1 is found
        Inventory sp1Image = RpmRootfs.withOsRelease(osRelease.replace("15.2", "15.1").replace("SP2", "SP1"))
                .rpm(sp1.name(), null, "0.1", "1.1", "x86_64", null).catalog(tmp.resolve("sles151"));
        assertThat(match(sink, sp1Image)).isNotEmpty().allSatisfy(f -> assertThat(f.namespace()).isEqualTo("sles:15.1"));
        assertThat(Ecosystems.feedFor("sles")).isEqualTo("suse");
        assertThat(Ecosystems.feedFor("opensuse-leap")).isEqualTo("suse");
        assertThat(Ecosystems.feedFor("opensuse-tumbleweed")).isEqualTo("suse");
    }

    @Test
    void overHttpTheListingNamesTheAdvisoriesAndOnlyChangedOnesAreFetchedNextTime() throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www/cvrf"));
        Path samples = SharedCorpus.require(TESTDATA + "cvrf");
        Files.copy(samples.resolve("cvrf-opensuse-su-2018-1633-1.xml"), www.resolve("cvrf-opensuse-su-2018-1633-1.xml"));
        Files.copy(samples.resolve("cvrf-suse-su-2019-1608-1.xml"), www.resolve("cvrf-suse-su-2019-1608-1.xml"));
        // Apache's listing layout, as ftp.suse.com serves it; the RU file is listed but is no security update
        byte[] listing = ("<html><body><pre>\n"
                + "<a href=\"cvrf-opensuse-su-2018-1633-1.xml\">cvrf-opensuse-su-2018-1633-1.xml</a>  2023-03-01 10:00   16K\n"
                + "<a href=\"cvrf-suse-ru-2019-0001-1.xml\">cvrf-suse-ru-2019-0001-1.xml</a>  2024-01-01 10:00   9K\n"
                + "<a href=\"cvrf-suse-su-2019-1608-1.xml\">cvrf-suse-su-2019-1608-1.xml</a>  2024-05-02 08:30   16K\n"
                + "</pre></body></html>\n").getBytes(StandardCharsets.UTF_8);
        try (FeedServer server = new FeedServer()) {
            server.mount("pub/projects/security", tmp.resolve("www"))
                    .fault("/pub/projects/security/cvrf/", n -> new FeedServer.Fault(200, "text/html", listing, 0));
            String base = server.url("pub/projects/security");
            RecordingSink full = new RecordingSink();
            new SuseCvrfUpdater().update(TestFetchers.http("suse", base, tmp.resolve("cache1")), full);
            assertThat(full.advisories).extracting(Advisory::id)
                    .containsExactly("openSUSE-SU-2018:1633-1", "SUSE-SU-2019:1608-1");
            assertThat(full.state).containsEntry(SuseCvrfUpdater.STATE_CURSOR, "2024-05-02 08:30");
            assertThat(server.hits("/pub/projects/security/cvrf/cvrf-suse-ru-2019-0001-1.xml")).isZero();

            RecordingSink next = new RecordingSink(java.util.Map.of(SuseCvrfUpdater.STATE_CURSOR, "2024-05-02 08:30"),
                    true);
            new SuseCvrfUpdater().update(TestFetchers.http("suse", base, tmp.resolve("cache2")), next);
            assertThat(next.keepPreviousCalls).isEqualTo(1);
            assertThat(next.advisories).extracting(Advisory::id).containsExactly("SUSE-SU-2019:1608-1");
            assertThat(server.hits("/pub/projects/security/cvrf/cvrf-opensuse-su-2018-1633-1.xml")).isEqualTo(1);
        }
    }

    static final String SLE_MICRO_55 = """
            NAME="SLE Micro"
            VERSION="5.5"
            VERSION_ID="5.5"
            PRETTY_NAME="SUSE Linux Enterprise Micro 5.5"
            ID="sle-micro"
            ID_LIKE="suse"
            ANSI_COLOR="0;32"
            CPE_NAME="cpe:/o:suse:sle-micro:5.5"
            """;

    static final String LEAP_MICRO_55 = """
            NAME="openSUSE Leap Micro"
            VERSION="5.5"
            ID="opensuse-leap-micro"
            ID_LIKE="suse opensuse opensuse-leap"
            VERSION_ID="5.5"
            PRETTY_NAME="openSUSE Leap Micro 5.5"
            ANSI_COLOR="0;32"
            CPE_NAME="cpe:/o:opensuse:leap-micro:5.5"
            """;

    static final String TUMBLEWEED = """
            NAME="openSUSE Tumbleweed"
            ID="opensuse-tumbleweed"
            ID_LIKE="opensuse suse"
            VERSION_ID="20240607"
            PRETTY_NAME="openSUSE Tumbleweed"
            ANSI_COLOR="0;32"
            CPE_NAME="cpe:/o:opensuse:tumbleweed:20240607"
            """;

    @Test
    void microAndTumbleweedProductsAreFiledUnderTheirOwnIds() throws Exception {
        RecordingSink sink = update("cvrf-suse-su-2024-9999-1.xml");
        assertThat(sink.affected).filteredOn(a -> a.advisoryId().equals("SUSE-SU-2024:9999-1"))
                .extracting(a -> a.namespace() + " " + a.ranges().get(0).fixed().orElseThrow())
                .containsExactlyInAnyOrder("sle-micro:5.5 3.0.8-150500.5.30.1", "sle-micro:5.4 3.0.8-150500.5.30.1",
                        "sl-micro:6.0 3.1.4-slm.6.1", "opensuse-leap-micro:5.5 3.0.8-150500.5.31.1",
                        "opensuse-tumbleweed:rolling 3.1.4-7.1", "sles:15.5 3.0.8-150500.5.29.1");
    }

    @Test
    void eachMicroOrRollingImageIsMatchedOnlyAgainstItsOwnProductsBuilds() throws Exception {
        RecordingSink sink = update("cvrf-suse-su-2024-9999-1.xml");
        // the SLES 15 SP5 module's build: below SLE Micro's own fix, so found there
        Inventory micro = RpmRootfs.withOsRelease(SLE_MICRO_55)
                .rpm("libopenssl3", null, "3.0.8", "150500.5.29.1", "x86_64", null).catalog(tmp.resolve("micro"));
        assertThat(micro.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("sle-micro:5.5"));
        assertThat(match(sink, micro)).singleElement().satisfies(f -> {
            assertThat(f.namespace()).isEqualTo("sle-micro:5.5");
            assertThat(f.fixedVersions()).containsExactly("3.0.8-150500.5.30.1");
        });
        // SLE Micro's build on Leap Micro: below Leap Micro's own fix
        Inventory leapMicro = RpmRootfs.withOsRelease(LEAP_MICRO_55)
                .rpm("libopenssl3", null, "3.0.8", "150500.5.30.1", "x86_64", null).catalog(tmp.resolve("leap-micro"));
        assertThat(match(sink, leapMicro)).singleElement()
                .satisfies(f -> assertThat(f.fixedVersions()).containsExactly("3.0.8-150500.5.31.1"));
        Inventory tumbleweed = RpmRootfs.withOsRelease(TUMBLEWEED)
                .rpm("libopenssl3", null, "3.1.4", "6.1", "x86_64", null).catalog(tmp.resolve("tw"));
        assertThat(match(sink, tumbleweed)).singleElement().satisfies(f -> {
            assertThat(f.namespace()).isEqualTo("opensuse-tumbleweed:rolling");
            assertThat(f.fixedVersions()).containsExactly("3.1.4-7.1");
        });
        // SLES 15 SP5 at its module's fix: fixed, whatever the Micro products' later builds say
        String sles = Files.readString(SharedCorpus.require("corpus/syft/syft/linux/testdata/os/sles/etc/os-release"))
                .replace("15.2", "15.5").replace("SP2", "SP5");
        Inventory sles155 = RpmRootfs.withOsRelease(sles)
                .rpm("libopenssl3", null, "3.0.8", "150500.5.29.1", "x86_64", null).catalog(tmp.resolve("sles155"));
        assertThat(sles155.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("sles:15.5"));
        assertThat(match(sink, sles155)).isEmpty();
    }
}
