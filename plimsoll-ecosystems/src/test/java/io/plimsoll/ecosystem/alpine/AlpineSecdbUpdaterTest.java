package io.plimsoll.ecosystem.alpine;

import io.plimsoll.vuln.testing.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpFeedFetcher;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.FeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vuln-list-update secdb samples (real upstream files), laid out as secdb.alpinelinux.org serves them and read
 * from a local folder and over HTTP, compared with that project's goldens; plus damaged input.
 */
class AlpineSecdbUpdaterTest {

    static final String SAMPLES = "feeds/vuln-list-update/alpine/testdata/";

    @TempDir
    Path tmp;

    /** The samples as the secdb lays them out: {@code 311-main.json} → {@code v3.11/main.json}. */
    Path sampleFolder() throws IOException {
        Path samples = SharedCorpus.require(SAMPLES);
        Path root = tmp.resolve("alpine");
        for (String[] release : new String[][] {{"311", "v3.11"}, {"312", "v3.12"}, {"edge", "edge"}}) {
            for (String repo : List.of("main", "community")) {
                Path target = root.resolve(release[1] + "/" + repo + ".json");
                Files.createDirectories(target.getParent());
                Files.copy(samples.resolve(release[0] + "-" + repo + ".json"), target);
            }
        }
        return root;
    }

    static RecordingSink update(FeedFetcher fetcher) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AlpineSecdbUpdater().update(fetcher, sink);
        return sink;
    }

    static String row(AffectedPackage a) {
        return a.namespace() + " " + a.name() + " " + a.advisoryId() + " " + a.status().label() + " "
                + a.ranges().stream().map(r -> r.fixed().map(f -> "<" + f).orElse("all")).toList();
    }

    static final List<String> SAMPLE_ROWS = List.of(
            "alpine:3.11 apache2 CVE-2018-1333 fixed [<2.4.34-r0]",
            "alpine:3.11 apache2 CVE-2018-8011 fixed [<2.4.34-r0]",
            // "2.8.0-r0": {} names nothing, so it gives no row
            "alpine:3.12 ansible CVE-2018-16876 fixed [<2.7.9-r0]",
            "alpine:edge apk-tools CVE-2021-30139 fixed [<2.12.5-r0]",
            "alpine:edge apk-tools CVE-2021-36159 fixed [<2.12.6-r0]");

    @Test
    void samplesFromALocalFolder() throws IOException {
        RecordingSink sink = update(new LocalFeedFetcher("alpine", sampleFolder()));
        assertThat(sink.affected).extracting(AlpineSecdbUpdaterTest::row).containsExactlyElementsOf(SAMPLE_ROWS);
        assertThat(sink.affected).allSatisfy(a -> {
            assertThat(a.source()).isEqualTo("alpine");
            assertThat(a.scheme()).isEqualTo("apk");
        });
        assertThat(sink.advisories).extracting(Advisory::id).containsExactly("CVE-2018-1333", "CVE-2018-8011",
                "CVE-2018-16876", "CVE-2021-30139", "CVE-2021-36159");
        assertThat(sink.progress).containsExactly("alpine: v3.11 main: 1 packages", "alpine: v3.11 community: 0 packages",
                "alpine: v3.12 main: 1 packages", "alpine: v3.12 community: 0 packages",
                "alpine: edge main: 1 packages", "alpine: edge community: 0 packages",
                "alpine: 3 releases, 5 advisories, 5 fixed versions");
    }

    @Test
    void rowsAgreeWithVulnListUpdatesGoldens() throws IOException {
        RecordingSink sink = update(new LocalFeedFetcher("alpine", sampleFolder()));
        ObjectMapper json = new ObjectMapper();
        List<String> covered = new ArrayList<>();
        try (Stream<Path> goldens = Files.list(SharedCorpus.require(SAMPLES + "golden"))) {
            for (Path golden : goldens.sorted().toList()) {
                JsonNode g = json.readTree(golden.toFile());
                String namespace = AlpineSecdbUpdater.namespaceOf(g.get("distroversion").asText());
                String name = g.get("name").asText();
                Map<String, List<String>> expected = new TreeMap<>();
                g.get("secfixes").fields().forEachRemaining(e -> {
                    List<String> ids = new ArrayList<>();
                    e.getValue().forEach(id -> ids.add(id.asText()));
                    expected.put(e.getKey(), ids);
                });
                Map<String, List<String>> actual = new TreeMap<>();
                for (AffectedPackage a : sink.affected(namespace, name)) {
                    actual.computeIfAbsent(a.ranges().get(0).fixed().orElseThrow(), k -> new ArrayList<>())
                            .add(a.advisoryId());
                    covered.add(row(a));
                }
                assertThat(actual).as(golden.getFileName().toString()).isNotEmpty().isEqualTo(expected);
            }
        }
        // the goldens cover every row the samples give
        assertThat(covered).containsExactlyInAnyOrderElementsOf(SAMPLE_ROWS);
    }

    @Test
    void samplesOverHttpWithTheReleasesFromTheIndexPage() throws IOException {
        byte[] index = Files.readAllBytes(SharedCorpus.require(SAMPLES + "index.html"));
        try (FeedServer server = new FeedServer()) {
            server.mount("", sampleFolder()).fault("/", n -> new FeedServer.Fault(200, "text/html", index, 0));
            RecordingSink sink = update(http(server));
            assertThat(sink.affected).extracting(AlpineSecdbUpdaterTest::row)
                    .containsExactlyElementsOf(SAMPLE_ROWS);
            assertThat(server.requests).contains("/", "/v3.11/main.json", "/v3.11/community.json",
                    "/v3.12/main.json", "/edge/main.json");
        }
    }

    @Test
    void anIndexWithoutReleasesIsAFeedExceptionNamingIt() throws IOException {
        byte[] index = Files.readAllBytes(SharedCorpus.require(SAMPLES + "norelease.html"));
        try (FeedServer server = new FeedServer()) {
            server.mount("", sampleFolder()).fault("/", n -> new FeedServer.Fault(200, "text/html", index, 0));
            assertThatThrownBy(() -> update(http(server))).isInstanceOf(FeedException.class)
                    .hasMessageContaining(server.url(""))
                    .hasMessageContaining("links no release folders");
        }
    }

    @Test
    void oldReleasesWithoutACommunityFileAreFineButAMissingMainIsNot() throws IOException {
        Path root = sampleFolder();
        Files.delete(root.resolve("v3.11/community.json"));
        assertThat(update(new LocalFeedFetcher("alpine", root)).affected).hasSize(5);
        byte[] index = Files.readAllBytes(SharedCorpus.require(SAMPLES + "index.html"));
        Files.delete(root.resolve("v3.12/main.json"));
        try (FeedServer server = new FeedServer()) {
            server.mount("", root).fault("/", n -> new FeedServer.Fault(200, "text/html", index, 0));
            assertThatThrownBy(() -> update(http(server))).isInstanceOf(FeedException.class)
                    .hasMessageContaining("v3.12/main.json")
                    .hasMessageContaining("neither main.json nor main.yaml");
        }
    }

    @Test
    void aTruncatedFileIsAFeedExceptionNamingIt() throws IOException {
        Path root = sampleFolder();
        Path main = root.resolve("v3.12/main.json");
        byte[] whole = Files.readAllBytes(main);
        Files.write(main, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> update(new LocalFeedFetcher("alpine", root))).isInstanceOf(FeedException.class)
                .hasMessageContaining(main.toString())
                .hasMessageContaining("truncated JSON");
    }

    @Test
    void anHtmlPageInsteadOfAFileIsAFeedExceptionNamingIt() throws IOException {
        byte[] index = Files.readAllBytes(SharedCorpus.require(SAMPLES + "index.html"));
        try (FeedServer server = new FeedServer()) {
            server.mount("", sampleFolder()).fault("/", n -> new FeedServer.Fault(200, "text/html", index, 0))
                    .fault("/v3.12/main.json", n -> FeedServer.Fault.html());
            assertThatThrownBy(() -> update(http(server))).isInstanceOf(FeedException.class)
                    .hasMessageContaining(server.url("") + "v3.12/main.json")
                    .hasMessageContaining("an HTML page");
        }
        // the YAML form too
        Path root = tmp.resolve("yaml");
        Files.createDirectories(root.resolve("v3.11"));
        Files.writeString(root.resolve("v3.11/main.yaml"), "<html><body>502 Bad Gateway</body></html>\n");
        assertThatThrownBy(() -> update(new LocalFeedFetcher("alpine", root))).isInstanceOf(FeedException.class)
                .hasMessageContaining(root.resolve("v3.11/main.yaml").toString())
                .hasMessageContaining("expected YAML but got an HTML page");
    }

    @Test
    void otherDamageIsAFeedExceptionToo() throws IOException {
        Path root = tmp.resolve("bad");
        Files.createDirectories(root.resolve("v3.11"));
        Path yaml = root.resolve("v3.11/main.yaml");
        Files.writeString(yaml, "distroversion: v3.11\npackages:\n  - pkg:\n      name: [unclosed\n");
        assertThatThrownBy(() -> update(new LocalFeedFetcher("alpine", root))).isInstanceOf(FeedException.class)
                .hasMessageContaining(yaml.toString()).hasMessageContaining("not valid YAML");
        Files.writeString(yaml, "packages: 12\n");
        assertThatThrownBy(() -> update(new LocalFeedFetcher("alpine", root))).isInstanceOf(FeedException.class)
                .hasMessageContaining("expected 'packages' to be a list");
        Files.writeString(yaml, "just text\n");
        assertThatThrownBy(() -> update(new LocalFeedFetcher("alpine", root))).isInstanceOf(FeedException.class)
                .hasMessageContaining("expected a secdb document");
        assertThatThrownBy(() -> update(new LocalFeedFetcher("alpine", tmp.resolve("nothing-here"))))
                .isInstanceOf(FeedException.class).hasMessageContaining("no release folders");
    }

    @Test
    void yamlIsReadWhenThereIsNoJsonAndJsonWinsWhenBothAreThere() throws IOException {
        Path root = tmp.resolve("mixed");
        Files.createDirectories(root.resolve("v3.10"));
        Files.writeString(root.resolve("v3.10/main.yaml"), """
                ---
                distroversion: v3.10
                reponame: main
                packages:
                  - pkg:
                      name: curl
                      secfixes:
                        7.66.0-r0:
                          - CVE-2019-5481
                          - CVE-2019-5482
                        7.53.0:
                          - CVE-2017-2629
                  - pkg:
                      name: db
                      secfixes:
                        0:
                          - CVE-2016-0682
                  - pkg:
                      name: heimdal
                      secfixes:
                        7.4.0-r0:
                """);
        // beside community.json: never read
        Files.writeString(root.resolve("v3.10/community.yaml"),
                "packages:\n  - pkg:\n      name: ghost\n      secfixes:\n        1.0-r0:\n          - CVE-2000-0001\n");
        Files.writeString(root.resolve("v3.10/community.json"), """
                {"distroversion": "v3.10", "reponame": "community", "packages": [
                  {"pkg": {"name": "xen", "secfixes": {"4.12.1-r0": ["CVE-2019-17340 XSA-284", "XSA-207"]}}}]}
                """);
        RecordingSink sink = update(new LocalFeedFetcher("alpine", root));
        assertThat(sink.affected).extracting(AlpineSecdbUpdaterTest::row).containsExactly(
                "alpine:3.10 curl CVE-2019-5481 fixed [<7.66.0-r0]",
                "alpine:3.10 curl CVE-2019-5482 fixed [<7.66.0-r0]",
                "alpine:3.10 curl CVE-2017-2629 fixed [<7.53.0]",
                "alpine:3.10 db CVE-2016-0682 not-affected []",
                "alpine:3.10 xen CVE-2019-17340 fixed [<4.12.1-r0]",
                "alpine:3.10 xen XSA-207 fixed [<4.12.1-r0]");
        assertThat(sink.advisory("CVE-2019-17340").orElseThrow().aliases()).containsExactly("XSA-284");
        assertThat(sink.affected.stream().filter(a -> a.status() == AffectedStatus.NOT_AFFECTED)
                .findFirst().orElseThrow().ranges()).isEmpty();
    }

    @Test
    void releasesAreOrderedByVersionWithEdgeLast() {
        assertThat(Stream.of("edge", "v3.10", "v3.9", "v3.3", "v3.11").sorted(AlpineSecdbUpdater.RELEASE_ORDER))
                .containsExactly("v3.3", "v3.9", "v3.10", "v3.11", "edge");
    }

    HttpFeedFetcher http(FeedServer server) throws IOException {
        HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(1));
        return new HttpFeedFetcher("alpine", server.url(""), Files.createDirectories(tmp.resolve("cache")),
                HttpFeedFetcher.client(settings), settings, FeedProgress.NONE, Map.of());
    }
}
