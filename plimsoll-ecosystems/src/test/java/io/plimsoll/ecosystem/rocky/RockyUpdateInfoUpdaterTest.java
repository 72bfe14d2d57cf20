package io.plimsoll.ecosystem.rocky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.ecosystem.rpm.repodata.ErrataImages;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vuln-list-update's Rocky Linux repodata samples (real upstream files) laid out as dl.rockylinux.org serves them. */
class RockyUpdateInfoUpdaterTest {

    static final String SAMPLES = "feeds/vuln-list-update/rocky/testdata/";

    @TempDir
    Path tmp;

    /** Writes the happy sample as {@code DIR/vault/rocky/RELEASE/BaseOS/x86_64/os/repodata/…} for each release. */
    public static Path layOut(Path root, String... releases) throws IOException {
        return layOut(root, RockyUpdateInfoUpdater.VAULT, s -> s, releases);
    }

    /** Writes the happy sample, edited by {@code edit}, under {@code DIR/TREE/RELEASE/BaseOS/x86_64/os/repodata/}. */
    static Path layOut(Path root, String tree, java.util.function.UnaryOperator<String> edit, String... releases)
            throws IOException {
        String updateinfo = edit.apply(Files.readString(SharedCorpus.require(SAMPLES + "fixtures/happy/updateinfo.xml")));
        for (String release : releases) {
            Path repodata = root.resolve(tree + release + "/BaseOS/x86_64/os/repodata");
            Files.createDirectories(repodata);
            Files.copy(SharedCorpus.require(SAMPLES + "fixtures/happy/repomd.xml"), repodata.resolve("repomd.xml"));
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(repodata.resolve("updateinfo.xml.gz")))) {
                out.write(updateinfo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return root;
    }

    static RecordingSink update(Path folder) throws IOException {
        RecordingSink sink = new RecordingSink();
        new RockyUpdateInfoUpdater().update(new LocalFeedFetcher("rocky", folder), sink);
        return sink;
    }

    static String row(AffectedPackage a) {
        return a.namespace() + " " + a.name() + " " + a.advisoryId() + " <"
                + a.ranges().get(0).fixed().orElseThrow() + a.module().map(m -> " [" + m + "]").orElse("");
    }

    @Test
    void theSampleGivesItsSecurityErrataOnly() throws IOException {
        RecordingSink sink = update(layOut(tmp.resolve("rocky"), "8.4"));
        // 4 updates: 3 security, 1 bug fix (RLBA-2021:2580, firewalld), which names no vulnerability
        assertThat(sink.advisories).extracting(Advisory::id)
                .containsExactly("RLSA-2021:2575", "RLSA-2021:3057", "RLSA-2019:1972");
        assertThat(sink.affected).extracting(RockyUpdateInfoUpdaterTest::row).containsExactly(
                "rocky:8 lz4 RLSA-2021:2575 <1.8.3-3.el8_4",
                "rocky:8 kernel RLSA-2021:3057 <4.18.0-305.12.1.el8_4",
                // module builds are filed without their context hash, as RHEL's are
                "rocky:8 rubygem-abrt RLSA-2019:1972 <0.3.0-4.module+el8.5.0+738 [ruby:2.6]",
                "rocky:8 rubygem-bson RLSA-2019:1972 <4.3.0-2.module+el8.4.0+592 [ruby:2.6]");
        Advisory kernel = sink.advisories.get(1);
        assertThat(kernel.aliases()).containsExactly("CVE-2021-22543", "CVE-2021-22555", "CVE-2021-3609");
        assertThat(kernel.sourceSeverity()).isEqualTo("Important");
        assertThat(kernel.severity()).isEqualTo(Severity.HIGH);
        assertThat(kernel.published()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("2021-08-12T21:14:23Z"));
        assertThat(sink.progress).contains("rocky: 8.4 BaseOS: 4 errata, 3 security",
                "rocky: 8.4 AppStream: no repodata/repomd.xml, skipped",
                "rocky: skipped 1 × bugfix errata (not vulnerabilities)",
                "rocky: 1 releases, 3 advisories, 4 fixed packages");
        // the sample was re-compressed here, so repomd's checksum cannot match: a warning, and the file is used
        assertThat(sink.progress).anySatisfy(p -> assertThat(p).startsWith("rocky: warning: ")
                .contains("updateinfo.xml.gz has sha256 ").endsWith("(mirror mid-update?); using the file"));
    }

    @Test
    void errataIssuedSinceTheLastVaultedPointReleaseComeFromTheCurrentTree() throws IOException {
        Path root = layOut(tmp.resolve("rocky"), "8.4");
        // the current tree (pub/rocky/8/) has what the vault has plus an erratum issued after 8.4 was vaulted
        layOut(root, RockyUpdateInfoUpdater.CURRENT, s -> s.replace("RLSA-2021:3057", "RLSA-2024:0001")
                .replace("305.12.1.el8_4", "553.16.1.el8_10"), "8");
        RecordingSink sink = update(root);
        assertThat(sink.advisories).extracting(Advisory::id)
                .containsExactly("RLSA-2021:2575", "RLSA-2021:3057", "RLSA-2019:1972", "RLSA-2024:0001");
        assertThat(sink.affected).extracting(RockyUpdateInfoUpdaterTest::row)
                .contains("rocky:8 kernel RLSA-2024:0001 <4.18.0-553.16.1.el8_10");
        assertThat(sink.progress).contains("rocky: 8 (current) BaseOS: 4 errata, 3 security",
                "rocky: 2 releases, 4 advisories, 5 fixed packages");
    }

    @Test
    void rowsAgreeWithVulnListUpdatesGoldens() throws IOException {
        RecordingSink sink = update(layOut(tmp.resolve("rocky"), "8.4"));
        ObjectMapper json = new ObjectMapper();
        List<Path> goldens;
        try (Stream<Path> files = Files.walk(SharedCorpus.require(SAMPLES + "golden"))) {
            goldens = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(goldens).hasSize(3);
        for (Path golden : goldens) {
            JsonNode g = json.readTree(golden.toFile());
            String id = g.get("id").asText();
            Advisory advisory = sink.advisories.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
            List<String> cves = new ArrayList<>();
            g.path("cveids").forEach(c -> cves.add(c.asText()));
            assertThat(advisory.aliases()).as(id).containsExactlyElementsOf(cves);
            assertThat(advisory.sourceSeverity()).as(id).isEqualTo(g.get("severity").asText());
            TreeSet<String> expected = new TreeSet<>();
            g.path("packages").forEach(p -> expected.add(p.get("name").asText()));
            assertThat(sink.affected.stream().filter(a -> a.advisoryId().equals(id)).map(AffectedPackage::name))
                    .as(id).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void damagedRepositoryMetadataIsAFeedExceptionNamingTheFile() throws IOException {
        Path root = layOut(tmp.resolve("rocky"), "8.4");
        Path repodata = root.resolve("vault/rocky/8.4/BaseOS/x86_64/os/repodata");
        Files.copy(SharedCorpus.require(SAMPLES + "fixtures/updateinfo_invalid/updateinfo.xml.gz"),
                repodata.resolve("updateinfo.xml.gz"), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> update(root)).isInstanceOf(FeedException.class)
                .hasMessageContaining(repodata.resolve("updateinfo.xml.gz").toString())
                .hasMessageContaining("XML");
        // a repomd without an updateinfo entry: the repository has no errata, which is not an error
        Files.copy(SharedCorpus.require(SAMPLES + "fixtures/no_updateinfo_field/repomd.xml"),
                repodata.resolve("repomd.xml"), StandardCopyOption.REPLACE_EXISTING);
        RecordingSink sink = update(root);
        assertThat(sink.affected).isEmpty();
        assertThat(sink.progress).anySatisfy(p -> assertThat(p).endsWith("names no updateinfo: no errata"));
        Files.writeString(repodata.resolve("repomd.xml"), "<html><body>Not found</body></html>");
        assertThatThrownBy(() -> update(root)).isInstanceOf(FeedException.class)
                .hasMessageContaining("repomd.xml").hasMessageContaining("<html>");
    }

    static String rockyOsRelease(String versionId) throws IOException {
        String real = Files.readString(SharedCorpus.require(
                "corpus/syft/syft/linux/testdata/os/rockylinux/from-os-release/etc/os-release"));
        return real.replace("VERSION_ID=\"8.4\"", "VERSION_ID=\"" + versionId + "\"");
    }

    static ErrataImages image(String versionId) throws IOException {
        return ErrataImages.withOsRelease(rockyOsRelease(versionId))
                .rpm("lz4", null, "1.8.3", "2.el8", null)                    // below RLSA-2021:2575's fix
                .rpm("kernel", 0, "4.18.0", "305.12.1.el8_4", null)          // at RLSA-2021:3057's fix
                .rpm("firewalld", null, "0.8.2", "6.el8", null);             // below a bug-fix erratum's build
    }

    @Test
    void aRocky8RootFilesystemIsMatchedAgainstItsOwnReleasesErrata() throws Exception {
        List<Finding> findings = image("8.4").scan(tmp.resolve("root8"), update(layOut(tmp.resolve("rocky"), "8.4")));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("lz4");
            assertThat(f.advisory().id()).isEqualTo("RLSA-2021:2575");
            assertThat(f.advisory().aliases()).containsExactly("CVE-2021-3520");
            assertThat(f.namespace()).isEqualTo("rocky:8");
            assertThat(f.fixedVersions()).containsExactly("1.8.3-3.el8_4");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void anotherReleasesErrataNeverApply() throws Exception {
        assertThat(image("9.2").scan(tmp.resolve("root9"), update(layOut(tmp.resolve("rocky"), "8.4")))).isEmpty();
    }

    @Test
    void releasesAreOrderedByVersion() {
        assertThat(Stream.of("9", "8.10", "8.5", "8", "10.0").sorted(RockyUpdateInfoUpdater.RELEASE_ORDER))
                .containsExactly("8", "8.5", "8.10", "9", "10.0");
    }
}
