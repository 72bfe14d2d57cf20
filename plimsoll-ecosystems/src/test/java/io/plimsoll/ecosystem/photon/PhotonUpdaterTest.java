package io.plimsoll.ecosystem.photon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpFeedFetcher;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.FeedServer;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vuln-list-update Photon samples (real upstream files) at their real paths, their goldens, damaged input. */
class PhotonUpdaterTest {

    static final String SAMPLES = "feeds/vuln-list-update/photon/testdata/";

    @TempDir
    Path tmp;

    /** {@code DIR/photon/}: the versions file and each release's file, as upstream names them. */
    static Path sampleFolder(Path root) throws IOException {
        Path samples = SharedCorpus.require(SAMPLES);
        Path folder = Files.createDirectories(root.resolve("photon"));
        for (String file : List.of("photon_versions.json", "cve_data_photon1.0.json", "cve_data_photon2.0.json",
                "cve_data_photon3.0.json")) {
            Files.copy(samples.resolve(file), folder.resolve(file));
        }
        return folder;
    }

    static RecordingSink update(Path folder) throws IOException {
        RecordingSink sink = new RecordingSink();
        new PhotonUpdater().update(new LocalFeedFetcher("photon", folder), sink);
        return sink;
    }

    static String row(AffectedPackage a) {
        return a.namespace() + " " + a.name() + " " + a.advisoryId() + " " + a.status().label() + " "
                + a.ranges().stream().map(r -> r.fixed().map(f -> "<" + f).orElse("all")).toList() + " "
                + a.severity();
    }

    @Test
    void theRealSamplesLoadPerRelease() throws IOException {
        RecordingSink sink = update(sampleFolder(tmp));
        assertThat(sink.affected).hasSize(15).allSatisfy(a -> {
            assertThat(a.source()).isEqualTo("photon");
            assertThat(a.scheme()).isEqualTo("rpm");
        });
        assertThat(sink.affected).extracting(PhotonUpdaterTest::row).contains(
                "photon:1.0 zlib CVE-2016-9843 fixed [<1.2.8-5.ph1] high",
                "photon:2.0 jq CVE-2015-8863 fixed [<1.5-3.ph2] critical",
                "photon:3.0 binutils CVE-2017-16826 fixed [<2.31.1-3.ph3] high",
                "photon:3.0 curl CVE-2025-0725 not-affected [] high");
        assertThat(sink.advisories).hasSize(15);
        assertThat(sink.advisories).filteredOn(a -> a.id().equals("CVE-2019-3828")).singleElement()
                .satisfies(a -> {
                    assertThat(a.source()).isEqualTo("photon");
                    assertThat(a.sourceSeverity()).isEqualTo("CVSS 10.0");
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                });
        assertThat(sink.progress).containsExactly("photon: 1.0: 5 entries", "photon: 2.0: 5 entries",
                "photon: 3.0: 6 entries", "photon: skipped 1 × an entry whose cve_id is not a CVE id",
                "photon: 3 releases, 15 advisories, 15 rows");
    }

    @Test
    void overHttpAtTheRealPaths() throws IOException {
        try (FeedServer server = new FeedServer()) {
            server.mount("photon_cve_metadata", sampleFolder(tmp));
            HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(1));
            RecordingSink sink = new RecordingSink();
            new PhotonUpdater().update(new HttpFeedFetcher("photon", server.url("photon_cve_metadata"),
                    Files.createDirectories(tmp.resolve("cache")), HttpFeedFetcher.client(settings), settings,
                    FeedProgress.NONE, Map.of()), sink);
            assertThat(sink.affected).hasSize(15);
            assertThat(server.requests).containsExactly("/photon_cve_metadata/photon_versions.json",
                    "/photon_cve_metadata/cve_data_photon1.0.json", "/photon_cve_metadata/cve_data_photon2.0.json",
                    "/photon_cve_metadata/cve_data_photon3.0.json");
        }
    }

    @Test
    void rowsAgreeWithVulnListUpdatesGoldens() throws IOException {
        RecordingSink sink = update(sampleFolder(tmp));
        ObjectMapper json = new ObjectMapper();
        int goldens = 0;
        try (Stream<Path> files = Files.list(SharedCorpus.require(SAMPLES + "golden"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode g = json.readTree(file.toFile());
                String fixed = g.get("res_ver").asText();
                List<AffectedPackage> rows = sink.affected("photon:" + g.get("os_version").asText(),
                        g.get("pkg").asText()).stream().filter(a -> a.advisoryId().equals(g.get("cve_id").asText()))
                        .toList();
                assertThat(rows).as(file.getFileName().toString()).singleElement().satisfies(a -> assertThat(
                        a.ranges().stream().flatMap(r -> r.fixed().stream()).toList())
                        .isEqualTo(fixed.equals("NA") ? List.of() : List.of(fixed)));
                goldens++;
            }
        }
        assertThat(goldens).isEqualTo(15);
    }

    @Test
    void damagedAndOddInputIsNamedOrSkipped() throws IOException {
        Path samples = SharedCorpus.require(SAMPLES);
        Path folder = Files.createDirectories(tmp.resolve("photon"));
        Files.writeString(folder.resolve("photon_versions.json"), "{\"branches\": [\"3.0\", \"../../etc\", 4]}");
        Files.copy(samples.resolve("cve_data_photon_invalid_format.json"), folder.resolve("cve_data_photon3.0.json"));
        assertThatThrownBy(() -> update(folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining(folder.resolve("cve_data_photon3.0.json").toString())
                .hasMessageContaining("invalid JSON");
        Files.copy(samples.resolve("cve_data_photon_empty_cveid.json"), folder.resolve("cve_data_photon3.0.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RecordingSink sink = update(folder);
        assertThat(sink.affected).isEmpty();
        assertThat(sink.progress).contains("photon: skipped the release '../../etc' (not a release like 5.0)",
                "photon: skipped the release '4' (not a release like 5.0)",
                "photon: skipped 1 × an entry whose cve_id is not a CVE id");
        // a listed release without its file fails the source, naming the file
        Files.copy(samples.resolve("photon_versions.json"), folder.resolve("photon_versions.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> update(folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining("cve_data_photon1.0.json");
        Files.copy(samples.resolve("invalid_photon_versions.json"), folder.resolve("photon_versions.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> update(folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining(folder.resolve("photon_versions.json").toString())
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void registeredWithTheRealUpstream() {
        assertThat(Ecosystems.updaters()).filteredOn(u -> u.name().equals("photon")).singleElement()
                .satisfies(u -> assertThat(u.defaultBaseUrl())
                        .isEqualTo("https://packages.broadcom.com/photon/photon_cve_metadata/"));
        assertThat(Ecosystems.feedFor("photon")).isEqualTo("photon");
        assertThat(Ecosystems.schemeForNamespace("photon:5.0")).get().extracting(s -> s.name()).isEqualTo("rpm");
    }
}
