package io.plimsoll.ecosystem.amazon;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vuln-list-update's Amazon Linux updateinfo samples and claircore's real mirror lists, laid out as
 * cdn.amazonlinux.com serves them: mirror.list → the absolute repository URL it names → repomd.xml → updateinfo.
 */
class AmazonUpdateInfoUpdaterTest {

    static final String SAMPLES = "feeds/vuln-list-update/amazon/testdata/";
    static final String MIRRORS = "corpus/claircore/aws/testdata/";
    static final String AL2_REPO = "2/core/2.0/x86_64/221a4af09d96ac4e34202cc7bdfa252410419542548cc685dc86ed1c17ca4204/";
    static final String AL2023_REPO = "al2023/core/guids/46ff4933b89b948580f3b223b826fee3c1830b85885db3f7f90502c0ac99698c/x86_64/";

    @TempDir
    Path tmp;

    /** The AL2 sample (two ALAS, plus a made-up bug-fix update) and the AL2023 sample under their real paths. */
    Path feed() throws IOException {
        Path root = tmp.resolve("amazon");
        String al2 = new String(gunzip(SharedCorpus.require(SAMPLES + "fixtures/updateinfo_2_items.xml.gz")),
                StandardCharsets.UTF_8);
        String bugfix;
        try (InputStream in = getClass().getResourceAsStream("bugfix-update.xml")) {
            bugfix = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        al2 = al2.replace("</updates>", bugfix + "</updates>");
        repository(root, "2/core/latest/x86_64/mirror.list", "mirrors_linux2.txt", AL2_REPO,
                al2.getBytes(StandardCharsets.UTF_8));
        repository(root, "al2023/core/mirrors/latest/x86_64/mirror.list", "mirrors_linux2023.txt", AL2023_REPO,
                gunzip(SharedCorpus.require(SAMPLES + "fixtures/updateinfo_AL2023.xml.gz")));
        return root;
    }

    static void repository(Path root, String mirrorList, String mirrors, String repo, byte[] updateinfo)
            throws IOException {
        Files.createDirectories(root.resolve(mirrorList).getParent());
        Files.copy(SharedCorpus.require(MIRRORS + mirrors), root.resolve(mirrorList));
        Path repodata = Files.createDirectories(root.resolve(repo + "repodata"));
        Files.copy(SharedCorpus.require(SAMPLES + "fixtures/repomd_valid.xml"), repodata.resolve("repomd.xml"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(repodata.resolve("updateinfo.xml.gz")))) {
            out.write(updateinfo);
        }
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static RecordingSink update(Path folder) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AmazonUpdateInfoUpdater().update(new LocalFeedFetcher("amazon", folder), sink);
        return sink;
    }

    @Test
    void theSamplesGiveTheSecurityAdvisoriesOfEachRelease() throws IOException {
        RecordingSink sink = update(feed());
        assertThat(sink.advisories).extracting(Advisory::id)
                .containsExactly("ALAS2-2018-942", "ALAS2-2018-949", "ALAS2023-2023-001");
        assertThat(sink.affected).filteredOn(a -> a.namespace().equals("amzn:2")).hasSize(5 + 17);
        // AL2023's erratum lists each package for x86_64, i686 and aarch64: one row per name
        assertThat(sink.affected).filteredOn(a -> a.namespace().equals("amzn:2023")).hasSize(21)
                .allSatisfy(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2023-2023-001"));
        assertThat(sink.affected(("amzn:2"), "qemu-kvm")).singleElement().satisfies(a -> {
            assertThat(a.ranges().get(0).fixed()).contains("10:1.5.3-141.amzn2.5.3");
            assertThat(a.source()).isEqualTo("amazon");
            assertThat(a.scheme()).isEqualTo("rpm");
        });
        assertThat(sink.affected("amzn:2", "tzdata")).isEmpty();
        Advisory rsyslog = sink.advisories.get(2);
        assertThat(rsyslog.aliases()).containsExactly("CVE-2014-3634", "CVE-2022-24903");
        assertThat(rsyslog.severity()).isEqualTo(Severity.HIGH);
        assertThat(rsyslog.title()).isEqualTo(
                "Amazon Linux 2023 - ALAS2023-2023-001: Important priority package update for rsyslog");
        assertThat(sink.progress).contains("amazon: 2: 3 errata, 2 security", "amazon: 2023: 1 errata, 1 security",
                "amazon: skipped 1 × bugfix errata (not vulnerabilities)",
                "amazon: 2 releases, 3 advisories, 43 fixed packages");
    }

    @Test
    void rowsAgreeWithVulnListUpdatesGoldens() throws IOException {
        RecordingSink sink = update(feed());
        ObjectMapper json = new ObjectMapper();
        for (String golden : List.of("ALAS2-2018-942", "ALAS2-2018-949", "ALAS2023-2023-001")) {
            JsonNode g = json.readTree(SharedCorpus.require(SAMPLES + golden + ".json.golden").toFile());
            Advisory advisory = sink.advisories.stream().filter(a -> a.id().equals(golden)).findFirst().orElseThrow();
            assertThat(advisory.sourceSeverity()).as(golden).isEqualTo(g.get("severity").asText());
            List<String> cves = new ArrayList<>();
            g.path("references").forEach(r -> {
                if (r.path("type").asText().equals("cve")) {
                    cves.add(r.path("id").asText());
                }
            });
            assertThat(advisory.aliases()).as(golden).containsExactlyElementsOf(cves);
            TreeSet<String> expected = new TreeSet<>();
            g.path("packages").forEach(p -> expected.add(p.get("name").asText() + " " + evr(p)));
            assertThat(sink.affected.stream().filter(a -> a.advisoryId().equals(golden))
                    .map(a -> a.name() + " " + a.ranges().get(0).fixed().orElseThrow()))
                    .as(golden).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String evr(JsonNode p) {
        String epoch = p.path("epoch").asText("0");
        String vr = p.get("version").asText() + "-" + p.get("release").asText();
        return epoch.isEmpty() || epoch.equals("0") ? vr : epoch + ":" + vr;
    }

    @Test
    void theMirrorListsAbsoluteUrlIsTakenBelowTheBaseUrl() throws FeedException {
        assertThat(AmazonUpdateInfoUpdater.pathOf("m", "https://cdn.amazonlinux.com/2/core/2.0/x86_64/abc"))
                .isEqualTo("2/core/2.0/x86_64/abc/");
        assertThat(AmazonUpdateInfoUpdater.pathOf("m", "https://cdn.amazonlinux.com/al2023/core/guids/x/x86_64/"))
                .isEqualTo("al2023/core/guids/x/x86_64/");
        assertThatThrownBy(() -> AmazonUpdateInfoUpdater.pathOf("m", "https://evil.example/../../etc/"))
                .isInstanceOf(FeedException.class).hasMessageContaining("not a repository path");
    }

    @Test
    void aRepositoryTheMirrorListNamesButThatIsMissingIsAFeedException() throws IOException {
        Path root = feed();
        Files.writeString(root.resolve("2/core/latest/x86_64/mirror.list"), "https://cdn.amazonlinux.com/2/core/gone\n");
        assertThatThrownBy(() -> update(root)).isInstanceOf(FeedException.class)
                .hasMessageContaining("2/core/gone/repodata/repomd.xml");
        Files.writeString(root.resolve("2/core/latest/x86_64/mirror.list"), "\n# nothing\n");
        assertThatThrownBy(() -> update(root)).isInstanceOf(FeedException.class)
                .hasMessageContaining("names no repository");
    }

    static String amazonOsRelease(String versionId) throws IOException {
        String real = Files.readString(SharedCorpus.require("corpus/syft/syft/linux/testdata/os/amazon/etc/os-release"));
        return real.replace("VERSION_ID=\"2\"", "VERSION_ID=\"" + versionId + "\"");
    }

    static ErrataImages image(String versionId) throws IOException {
        return ErrataImages.withOsRelease(amazonOsRelease(versionId))
                .rpm("qemu-img", 10, "1.5.3", "141.amzn2.5.2", null)                 // below ALAS2-2018-942's fix
                .rpm("java-1.8.0-openjdk", 1, "1.8.0.161", "0.b14.amzn2", null)      // at ALAS2-2018-949's fix
                .rpm("tzdata", null, "2018b", "1.amzn2", null)                       // below a bug-fix update's build
                .rpm("rsyslog", null, "8.2204.0", "2.amzn2023.0.1", null);           // AL2023's advisory only
    }

    @Test
    void anAmazonLinux2RootFilesystemIsMatchedAgainstItsOwnReleasesAdvisories() throws Exception {
        List<Finding> findings = image("2").scan(tmp.resolve("root2"), update(feed()));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("qemu-img");
            assertThat(f.advisory().id()).isEqualTo("ALAS2-2018-942");
            assertThat(f.advisory().aliases()).containsExactly("CVE-2017-5715");
            assertThat(f.namespace()).isEqualTo("amzn:2");
            assertThat(f.fixedVersions()).containsExactly("10:1.5.3-141.amzn2.5.3");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void anAmazonLinux2023RootFilesystemSeesOnlyAl2023sAdvisories() throws Exception {
        // the same packages: qemu-img's AL2 advisory is not AL2023's; rsyslog's AL2023 one is
        assertThat(image("2023").scan(tmp.resolve("root2023"), update(feed())))
                .extracting(f -> f.pkg().name() + " " + f.advisory().id() + " " + f.namespace())
                .containsExactly("rsyslog ALAS2023-2023-001 amzn:2023");
    }
}
