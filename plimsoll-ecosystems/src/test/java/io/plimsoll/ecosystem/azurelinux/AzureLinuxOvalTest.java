package io.plimsoll.ecosystem.azurelinux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.ecosystem.testing.RpmRootfs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Microsoft's Azure Linux / CBL-Mariner OVAL: vuln-list-update's real samples, and matching per release. */
class AzureLinuxOvalTest {

    static final String HAPPY = "feeds/vuln-list-update/mariner/testdata/happy/";

    @TempDir
    Path tmp;

    /**
     * A {@code --from} folder of the three real samples at upstream's names; vuln-list-update's 2.0 sample is the
     * preview file.
     */
    static Path fromFolder(Path dir) throws Exception {
        Path folder = Files.createDirectories(dir);
        Path happy = SharedCorpus.require(HAPPY);
        Files.copy(happy.resolve("azurelinux-3.0-oval.xml"), folder.resolve("azurelinux-3.0-oval.xml"));
        Files.copy(happy.resolve("cbl-mariner-2.0-preview-oval.xml"), folder.resolve("cbl-mariner-2.0-oval.xml"));
        Files.copy(happy.resolve("cbl-mariner-1.0-oval.xml"), folder.resolve("cbl-mariner-1.0-oval.xml"));
        return folder;
    }

    RecordingSink update() throws Exception {
        RecordingSink sink = new RecordingSink();
        new AzureLinuxOvalUpdater().update(new LocalFeedFetcher("azurelinux", fromFolder(tmp.resolve("from/azurelinux"))), sink);
        return sink;
    }

    @Test
    void theRealSamplesLoadPerReleaseWithFixedAndUnfixedRows() throws Exception {
        RecordingSink sink = update();
        // 10 definitions, one row each; CVE-2023-5678 is one advisory for openssl and edk2
        assertThat(sink.affected).hasSize(10);
        assertThat(sink.advisories).hasSize(9);
        assertThat(sink.affected.stream().collect(Collectors.groupingBy(AffectedPackage::namespace,
                Collectors.counting()))).isEqualTo(Map.of("azurelinux:3.0", 2L, "mariner:2.0", 5L, "mariner:1.0", 3L));
        assertThat(sink.affected).filteredOn(a -> a.name().equals("golang")).singleElement().satisfies(a -> {
            assertThat(a.advisoryId()).isEqualTo("CVE-2023-29409");
            assertThat(a.status()).isEqualTo(AffectedStatus.FIXED);
            // the "greater than 0:0.0.0.azl3" test is no lower bound
            assertThat(a.ranges()).singleElement().satisfies(r -> {
                assertThat(r.introduced()).isEmpty();
                assertThat(r.fixed()).contains("0:1.20.7-1.azl3");
            });
        });
        // patchable=false: affected up to and including the build named, no fix
        assertThat(sink.affected).filteredOn(a -> a.name().equals("mysql")).singleElement().satisfies(a -> {
            assertThat(a.namespace()).isEqualTo("mariner:2.0");
            assertThat(a.status()).isEqualTo(AffectedStatus.AFFECTED);
            assertThat(a.ranges().get(0).lastAffected()).contains("0:8.0.24-1.cm1");
        });
        assertThat(sink.advisories).filteredOn(a -> a.id().equals("CVE-2024-35176")).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo("azurelinux");
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.published()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("2024-05-31T18:55:08Z"));
        });
    }

    @Test
    void aMissingReleaseFileOrAnHtmlPageFailsTheSourceNamingTheFile() throws Exception {
        Path folder = fromFolder(tmp.resolve("partial/azurelinux"));
        Files.delete(folder.resolve("cbl-mariner-1.0-oval.xml"));
        assertThatThrownBy(() -> new AzureLinuxOvalUpdater().update(new LocalFeedFetcher("azurelinux", folder),
                new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageContaining("cbl-mariner-1.0-oval.xml: no such file in the local feed folder");
        Files.writeString(folder.resolve("cbl-mariner-1.0-oval.xml"), "<!DOCTYPE html><html><body>rate limited");
        assertThatThrownBy(() -> new AzureLinuxOvalUpdater().update(new LocalFeedFetcher("azurelinux", folder),
                new RecordingSink())).isInstanceOf(FeedException.class)
                .hasMessageEndingWith("cbl-mariner-1.0-oval.xml: expected OVAL XML but got an HTML page (a proxy, "
                        + "captive portal or error page?)");
    }

    static List<Finding> match(RecordingSink sink, Inventory inv) {
        return new Matcher(new MemoryVulnStore(sink), Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inv.packages(), inv.distro());
    }

    @Test
    void aMariner10RootfsMatchesOnlyItsOwnReleaseBySourcePackage() throws Exception {
        RecordingSink sink = update();
        String osRelease = Files.readString(SharedCorpus.require("corpus/syft/syft/linux/testdata/os/mariner/etc/os-release"));
        Inventory inv = RpmRootfs.withOsRelease(osRelease)
                .rpm("clamav-lib", null, "0.101.2", "1.cm1", "x86_64", "clamav-0.101.2-1.cm1.src.rpm") // below the fix
                .rpm("glibc", null, "2.28", "19.cm1", "x86_64", "glibc-2.28-19.cm1.src.rpm")           // at the fix
                .rpm("unzip", null, "6.0", "18.cm1", "x86_64", "unzip-6.0-18.cm1.src.rpm")             // 2.0's row only
                .rpm("rubygem-rexml", null, "3.2.6", "1.cm1", "noarch", "rubygem-rexml-3.2.6-1.cm1.src.rpm") // 3.0's
                .catalog(tmp.resolve("mariner1"));
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("mariner:1.0"));
        assertThat(match(sink, inv)).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("clamav-lib");
            assertThat(f.matchedName()).isEqualTo("clamav");
            assertThat(f.advisory().id()).isEqualTo("CVE-2008-3914");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.fixedVersions()).containsExactly("0:0.103.2-1.cm1");
        });
    }

    @Test
    void anAzureLinux30RootfsMatchesItsRowsAndNotMariners() throws Exception {
        RecordingSink sink = update();
        String osRelease;
        try (InputStream in = AzureLinuxOvalTest.class.getResourceAsStream("azurelinux-3.0-os-release")) {
            osRelease = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Inventory inv = RpmRootfs.withOsRelease(osRelease)
                .rpm("rubygem-rexml", null, "3.2.6", "1.azl3", "noarch", "rubygem-rexml-3.2.6-1.azl3.src.rpm") // below
                .rpm("golang", null, "1.20.7", "1.azl3", "x86_64", "golang-1.20.7-1.azl3.src.rpm")              // at fix
                .rpm("openssl", null, "1.1.1k", "20.azl3", "x86_64", "openssl-1.1.1k-20.azl3.src.rpm")           // 2.0's
                .catalog(tmp.resolve("azl3"));
        assertThat(inv.distro()).hasValueSatisfying(d -> assertThat(Ecosystems.namespaceOf(d)).isEqualTo("azurelinux:3.0"));
        assertThat(match(sink, inv)).singleElement().satisfies(f -> {
            assertThat(f.advisory().id()).isEqualTo("CVE-2024-35176");
            assertThat(f.namespace()).isEqualTo("azurelinux:3.0");
            assertThat(f.fixedVersions()).containsExactly("0:3.2.8-1.azl3");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
        // Mariner 2.0's unfixed mysql row: affected, no fix
        Inventory mariner2 = RpmRootfs.withOsRelease(osRelease.replace("ID=azurelinux", "ID=mariner")
                        .replace("VERSION_ID=\"3.0\"", "VERSION_ID=\"2.0\""))
                .rpm("mysql", null, "8.0.24", "1.cm1", "x86_64", "mysql-8.0.24-1.cm1.src.rpm")
                .catalog(tmp.resolve("mariner2"));
        assertThat(match(sink, mariner2)).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(AffectedStatus.AFFECTED);
            assertThat(f.hasFix()).isFalse();
        });
        assertThat(Ecosystems.feedFor("mariner")).isEqualTo("azurelinux");
        assertThat(Ecosystems.feedFor("azurelinux")).isEqualTo("azurelinux");
    }
}
