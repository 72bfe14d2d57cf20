package io.plimsoll.ecosystem.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.SourceParts;
import io.plimsoll.ecosystem.rpm.repodata.ErrataImages;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.testing.FeedServer;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon Linux 2's extras topics: each topic's repository read by core's chain from
 * {@code 2/extras/<topic>/latest/x86_64/mirror.list}, its rows kept apart from core's, and a package matched against
 * the topic yum installed it from.
 */
class AmazonExtrasTest {

    /** Where the docker topic's mirror list points: the form of core's, below {@code 2/extras/docker/}. */
    static final String DOCKER_REPO = "2/extras/docker/stable/x86_64/"
            + "4f3a5d8e0b9c2d7a6e1f0c3b5a7d9e2f4c6b8a0d1e3f5a7c9b2d4e6f8a0c1e3d/";

    @TempDir
    Path tmp;

    /**
     * cdn.amazonlinux.com's tree: AL2 core (the ALAS2 sample plus a core advisory for docker), AL2023, and the
     * docker topic; no other topic has a mirror list.
     */
    Path feed() throws IOException {
        Path root = tmp.resolve("amazon");
        String core = new String(AmazonUpdateInfoUpdaterTest.gunzip(SharedCorpus.require(
                AmazonUpdateInfoUpdaterTest.SAMPLES + "fixtures/updateinfo_2_items.xml.gz")), StandardCharsets.UTF_8)
                .replace("</updates>", resource("core-docker-update.xml").strip() + "</updates>");
        AmazonUpdateInfoUpdaterTest.repository(root, "2/core/latest/x86_64/mirror.list", "mirrors_linux2.txt",
                AmazonUpdateInfoUpdaterTest.AL2_REPO, core.getBytes(StandardCharsets.UTF_8));
        AmazonUpdateInfoUpdaterTest.repository(root, "al2023/core/mirrors/latest/x86_64/mirror.list",
                "mirrors_linux2023.txt", AmazonUpdateInfoUpdaterTest.AL2023_REPO,
                AmazonUpdateInfoUpdaterTest.gunzip(SharedCorpus.require(
                        AmazonUpdateInfoUpdaterTest.SAMPLES + "fixtures/updateinfo_AL2023.xml.gz")));
        Path mirrorList = root.resolve("2/extras/docker/latest/x86_64/mirror.list");
        Files.createDirectories(mirrorList.getParent());
        Files.writeString(mirrorList, "https://cdn.amazonlinux.com/" + DOCKER_REPO.substring(0, DOCKER_REPO.length() - 1)
                + "\n");
        Path repodata = Files.createDirectories(root.resolve(DOCKER_REPO + "repodata"));
        Files.copy(SharedCorpus.require(AmazonUpdateInfoUpdaterTest.SAMPLES + "fixtures/repomd_valid.xml"),
                repodata.resolve("repomd.xml"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(repodata.resolve("updateinfo.xml.gz")))) {
            out.write(resource("extras-docker-updateinfo.xml").getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RecordingSink update(Path folder) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AmazonUpdateInfoUpdater().update(new LocalFeedFetcher("amazon", folder), sink);
        return sink;
    }

    @Test
    void aTopicsAdvisoriesAreFiledUnderTheTopicAndMissingTopicsAreSkipped() throws IOException {
        RecordingSink sink = update(feed());
        assertThat(sink.advisories).extracting(Advisory::id).containsExactly("ALAS2-2018-942", "ALAS2-2018-949",
                "ALAS2-2023-2011", "ALAS2023-2023-001", "ALAS2DOCKER-2023-024");
        Advisory docker = sink.advisories.get(4);
        assertThat(docker.aliases()).containsExactly("CVE-2023-28840", "CVE-2023-28842");
        assertThat(docker.severity()).isEqualTo(Severity.HIGH);
        assertThat(sink.affected("amzn:2:extras:docker", "docker")).singleElement().satisfies(a -> {
            assertThat(a.advisoryId()).isEqualTo("ALAS2DOCKER-2023-024");
            assertThat(a.ranges().get(0).fixed()).contains("20.10.25-1.amzn2.0.4");
        });
        assertThat(sink.affected("amzn:2:extras:docker", "runc")).hasSize(1);
        assertThat(sink.affected("amzn:2:extras:docker", "containerd")).isEmpty();    // a bug fix
        assertThat(sink.affected("amzn:2", "docker")).singleElement()
                .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2-2023-2011"));
        assertThat(sink.affected("amzn:2", "runc")).isEmpty();
        assertThat(sink.progress).contains("amazon: 2 extras docker: 2 errata, 1 security");
        assertThat(sink.progress).anySatisfy(p -> assertThat(p).startsWith("amazon: 2 extras: 1 of "
                + AmazonUpdateInfoUpdater.DEFAULT_EXTRAS.size() + " topics read; no mirror list (skipped): ecs, "
                + "kernel-5.4, "));
    }

    @Test
    void theDefaultReadsEveryTopicAmazonsCatalogListsAndOnlyThose() throws IOException {
        Path feed = feed();
        // a topic the hand-kept list does not have (the catalog is how amazon-linux-extras itself knows them)
        Files.writeString(feed.resolve("2/extras-catalog.json"), """
                {"topics": [{"n": "docker", "versions": ["latest"]},
                            {"n": "firefox", "versions": ["latest"], "visible": ["firefox"]}]}""");
        RecordingSink sink = update(feed);
        assertThat(sink.progress).contains("amazon: 2 extras: the catalog lists 2 topics",
                "amazon: 2 extras: 1 of 2 topics read; no mirror list (skipped): firefox");
        assertThat(sink.affected("amzn:2:extras:docker", "docker")).hasSize(1);
        assertThat(sink.state).containsEntry("part.extras/firefox.error",
                "no such extras topic at " + new LocalFeedFetcher("amazon", feed).baseUrl()
                        + "2/extras/firefox/latest/x86_64/mirror.list");
        assertThat(sink.state).doesNotContainKey("part.extras/ecs.error");
        // a configured list is exactly that list, catalog or not
        RecordingSink configured = new RecordingSink();
        new AmazonUpdateInfoUpdater(List.of("docker")).update(new LocalFeedFetcher("amazon", feed), configured);
        assertThat(configured.progress).contains("amazon: 2 extras: 1 of 1 topics read")
                .noneMatch(p -> p.contains("catalog"));
    }

    @Test
    void overHttpATopicWithoutAMirrorListIsSkippedAndTheOthersApplied() throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (FeedServer server = new FeedServer()) {
            server.mount("amazon", feed());
            UpdateRunner.Network network = new UpdateRunner.Network(Map.of("amazon", server.url("amazon")),
                    tmp.resolve("cache"), HttpSettings.defaults().withBackoff(Duration.ofMillis(1)));
            UpdateRunner runner = new UpdateRunner(List.of(new AmazonUpdateInfoUpdater(List.of("nginx1", "docker"))),
                    FeedProgress.NONE, 1);

            assertThat(runner.run(db, network).allOk()).isTrue();
            assertThat(server.requests).containsSubsequence("/amazon/2/core/latest/x86_64/mirror.list",
                    "/amazon/2/extras/nginx1/latest/x86_64/mirror.list",
                    "/amazon/2/extras/docker/latest/x86_64/mirror.list",
                    "/amazon/" + DOCKER_REPO + "repodata/repomd.xml",
                    "/amazon/" + DOCKER_REPO + "repodata/updateinfo.xml.gz");
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                assertThat(store.affected("amzn:2:extras:docker", "docker")).singleElement()
                        .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2DOCKER-2023-024"));
                assertThat(store.affected("amzn:2", "docker")).singleElement()
                        .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2-2023-2011"));
                assertThat(store.affected("amzn:2", "qemu-kvm")).hasSize(1);
            }
        }
    }

    @Test
    void eachTopicIsAPartWithItsOwnStateAndAFailedTopicKeepsItsOlderDataWhileTheOthersUpdate() throws Exception {
        AmazonFeedTree tree = AmazonFeedTree.at(tmp.resolve("tree/amazon"))
                .core(AmazonFeedTree.securityUpdate("ALAS2-2023-2011", "CVE-2023-28841", "docker", "20.10.25",
                        "1.amzn2.0.9"))
                .topic("docker", AmazonFeedTree.securityUpdate("ALAS2DOCKER-2023-024", "CVE-2023-28840", "docker",
                        "20.10.25", "1.amzn2.0.4"))
                .topic("kernel-5.10", AmazonFeedTree.securityUpdate("ALAS2KERNEL-5.10-2023-030", "CVE-2023-1829",
                        "kernel", "5.10.184", "175.731.amzn2"));
        Path db = tmp.resolve("vuln.db");
        try (FeedServer server = new FeedServer()) {
            server.mount("amazon", tree.root());
            UpdateRunner.Network network = new UpdateRunner.Network(Map.of("amazon", server.url("amazon")),
                    tmp.resolve("cache"), HttpSettings.defaults().withBackoff(Duration.ofMillis(1)));
            UpdateRunner runner = new UpdateRunner(List.of(new AmazonUpdateInfoUpdater(
                    List.of("docker", "kernel-5.10", "nginx1"))), FeedProgress.NONE, 1);

            assertThat(runner.run(db, network).allOk()).as("a topic the CDN does not publish fails nothing").isTrue();
            Map<String, SourceStatus> first = parts(db);
            assertThat(first.keySet()).containsExactly("amazon/extras/docker", "amazon/extras/kernel-5.10",
                    "amazon/extras/nginx1");
            assertThat(first.get("amazon/extras/docker")).satisfies(p -> {
                assertThat(p.error()).isEmpty();
                assertThat(p.updatedAt()).isPresent();
                assertThat(p.records()).isEqualTo(1);
            });
            assertThat(first.get("amazon/extras/nginx1")).satisfies(p -> {
                assertThat(p.error()).contains("no such extras topic at " + server.url("amazon")
                        + "2/extras/nginx1/latest/x86_64/mirror.list");
                assertThat(p.updatedAt()).isEmpty();
                assertThat(p.records()).isZero();
            });
            java.time.Instant kernelRead = first.get("amazon/extras/kernel-5.10").updatedAt().orElseThrow();

            server.fault("/amazon/" + AmazonFeedTree.topicRepository("kernel-5.10") + "repodata/updateinfo.xml",
                    n -> FeedServer.Fault.status(500));
            UpdateRunner.Outcome second = runner.run(db, network).outcomes().get(0);
            assertThat(second.ok()).isFalse();
            assertThat(second.applied()).isTrue();
            assertThat(second.error().orElseThrow()).startsWith("amazon/extras/kernel-5.10: ")
                    .contains("HTTP 500", "its older data, if any, is kept").doesNotContain("nginx1");
            Map<String, SourceStatus> after = parts(db);
            assertThat(after.get("amazon/extras/kernel-5.10")).satisfies(p -> {
                assertThat(p.error()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 500"));
                assertThat(p.updatedAt()).contains(kernelRead);
                assertThat(p.records()).isEqualTo(1);
            });
            assertThat(after.get("amazon/extras/docker").error()).isEmpty();
            assertThat(after.get("amazon/extras/nginx1").error()).isPresent();
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                assertThat(store.affected("amzn:2:extras:kernel-5.10", "kernel")).singleElement()
                        .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2KERNEL-5.10-2023-030"));
                assertThat(store.affected("amzn:2:extras:docker", "docker")).singleElement()
                        .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2DOCKER-2023-024"));
                assertThat(store.affected("amzn:2", "docker")).singleElement()
                        .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2-2023-2011"));
            }
        }
    }

    /** The amazon source's parts as the database records them, by name. */
    private static Map<String, SourceStatus> parts(Path db) throws Exception {
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            return store.sources().stream().filter(s -> s.name().equals("amazon")).findFirst().orElseThrow().parts()
                    .stream().collect(java.util.stream.Collectors.toMap(SourceStatus::name, p -> p, (a, b) -> a,
                            java.util.LinkedHashMap::new));
        }
    }

    @Test
    void topicsComeFromAListAndANameThatCannotBeOneIsRefused() {
        assertThat(AmazonUpdateInfoUpdater.parseExtras(" docker, kernel-5.10 ,,php8.2"))
                .containsExactly("docker", "kernel-5.10", "php8.2");
        assertThat(AmazonUpdateInfoUpdater.parseExtras("none")).isEmpty();
        assertThat(AmazonUpdateInfoUpdater.parseExtras(" ")).isEmpty();
        assertThat(new AmazonUpdateInfoUpdater().extras()).isEqualTo(AmazonUpdateInfoUpdater.DEFAULT_EXTRAS);
        assertThatThrownBy(() -> AmazonUpdateInfoUpdater.parseExtras("docker,../core"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'../core' is not an Amazon Linux 2 extras topic name");
        assertThatThrownBy(() -> new AmazonUpdateInfoUpdater(List.of("nginx 1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private RecordingSink data;

    private List<String> scan(ErrataImages image, String root) throws Exception {
        if (data == null) {
            data = update(feed());
        }
        return image.scan(tmp.resolve(root), data).stream()
                .map(f -> f.pkg().name() + " " + f.advisory().id() + " " + f.namespace() + " "
                        + String.join(",", f.advisory().aliases()) + " fixed in " + f.fixedVersions())
                .toList();
    }

    @Test
    void aPackageFromATopicIsMatchedAgainstThatTopicAndCorePackagesAgainstCore() throws Exception {
        ErrataImages below = ErrataImages.withOsRelease(AmazonUpdateInfoUpdaterTest.amazonOsRelease("2"))
                .rpm("docker", null, "20.10.25", "1.amzn2.0.3", null)          // below the topic's fix (and core's)
                .rpm("runc", null, "1.1.4", "1.amzn2", null)                   // named by the topic's advisory only
                .rpm("qemu-img", 10, "1.5.3", "141.amzn2.5.2", null)           // below core's ALAS2-2018-942
                .fromRepo("docker", "20.10.25", "1.amzn2.0.3", "amzn2extra-docker")
                .fromRepo("runc", "1.1.4", "1.amzn2", "amzn2-core")
                .fromRepo("qemu-img", "1.5.3", "141.amzn2.5.2", "amzn2-core");
        assertThat(scan(below, "below")).containsExactly(
                "docker ALAS2DOCKER-2023-024 amzn:2:extras:docker CVE-2023-28840,CVE-2023-28842 fixed in "
                        + "[20.10.25-1.amzn2.0.4]",
                "qemu-img ALAS2-2018-942 amzn:2 CVE-2017-5715 fixed in [10:1.5.3-141.amzn2.5.3]");

        // at the topic's fix: core's later docker build (ALAS2-2023-2011) is not the topic's
        ErrataImages atFix = ErrataImages.withOsRelease(AmazonUpdateInfoUpdaterTest.amazonOsRelease("2"))
                .rpm("docker", null, "20.10.25", "1.amzn2.0.4", null)
                .fromRepo("docker", "20.10.25", "1.amzn2.0.4", "amzn2extra-docker");
        assertThat(scan(atFix, "atFix")).isEmpty();
    }

    @Test
    void aPackageWithoutYumsRecordIsMatchedAgainstCoreAsBefore() throws Exception {
        ErrataImages unrecorded = ErrataImages.withOsRelease(AmazonUpdateInfoUpdaterTest.amazonOsRelease("2"))
                .rpm("docker", null, "20.10.25", "1.amzn2.0.4", null);
        assertThat(scan(unrecorded, "unrecorded")).containsExactly(
                "docker ALAS2-2023-2011 amzn:2 CVE-2023-28841 fixed in [20.10.25-1.amzn2.0.9]");
    }

    @Test
    void aPackageFromATopicNeedsThatTopicsPartOfTheFeedOnAmazonLinux2Only() throws Exception {
        ErrataImages al2 = ErrataImages.withOsRelease(AmazonUpdateInfoUpdaterTest.amazonOsRelease("2"))
                .rpm("docker", null, "20.10.25", "1.amzn2.0.3", null)
                .rpm("bash", null, "4.2.46", "34.amzn2", null)
                .fromRepo("docker", "20.10.25", "1.amzn2.0.3", "amzn2extra-docker")
                .fromRepo("bash", "4.2.46", "34.amzn2", "amzn2-core");
        Inventory inventory = al2.inventory(tmp.resolve("needs"));
        assertThat(Ecosystems.dataNeeded(inventory)).containsExactly("amazon", "amazon/extras/docker");
        assertThat(Ecosystems.partsNeeded(inventory))
                .containsExactly(new SourceParts.Part("amazon/extras/docker", "amzn:2:extras:docker"));

        // AL2023 has no extras: a stray yumdb record asks for nothing more than the feed
        ErrataImages al2023 = ErrataImages.withOsRelease(AmazonUpdateInfoUpdaterTest.amazonOsRelease("2023"))
                .rpm("docker", null, "20.10.25", "1.amzn2023.0.1", null)
                .fromRepo("docker", "20.10.25", "1.amzn2023.0.1", "amzn2extra-docker");
        assertThat(Ecosystems.dataNeeded(al2023.inventory(tmp.resolve("needs2023")))).containsExactly("amazon");
    }

    @Test
    void theTopicComesFromTheCatalogersRecordOrAnSbomsPurl() {
        String purl = "pkg:rpm/amazon/docker@20.10.25-1.amzn2.0.3?arch=x86_64&distro=amzn-2"
                + "&repository_id=amzn2extra-docker";
        assertThat(AmazonMatchRule.topic(rpm(purl, Map.of()))).contains("docker");
        assertThat(AmazonMatchRule.topic(rpm("pkg:rpm/amazon/docker@1-1", Map.of("repository", "amzn2extra-nginx1"))))
                .contains("nginx1");
        assertThat(AmazonMatchRule.topic(rpm("pkg:rpm/amazon/bash@1-1?repository_id=amzn2-core", Map.of()))).isEmpty();
        assertThat(AmazonMatchRule.topic(rpm("pkg:rpm/amazon/x@1-1?repository_id=amzn2extra-", Map.of()))).isEmpty();
        assertThat(AmazonMatchRule.topic(rpm("not a purl repository_id=amzn2extra-docker", Map.of()))).isEmpty();
    }

    private static io.plimsoll.catalog.Package rpm(String purl, Map<String, String> metadata) {
        return new io.plimsoll.catalog.Package("rpm", "docker", "1-1", "x86_64", "docker", "1-1", List.of(), purl,
                List.of(), "rpm", "", null, metadata);
    }

    @Test
    void onAmazonLinux2023AnExtrasRecordChangesNothing() throws Exception {
        // AL2023 has no extras; a stray yumdb entry must not send its packages to AL2's topics
        ErrataImages al2023 = ErrataImages.withOsRelease(AmazonUpdateInfoUpdaterTest.amazonOsRelease("2023"))
                .rpm("rsyslog", null, "8.2204.0", "2.amzn2023.0.1", null)
                .fromRepo("rsyslog", "8.2204.0", "2.amzn2023.0.1", "amzn2extra-docker");
        assertThat(scan(al2023, "al2023")).singleElement().asString().startsWith("rsyslog ALAS2023-2023-001 amzn:2023");
    }
}
