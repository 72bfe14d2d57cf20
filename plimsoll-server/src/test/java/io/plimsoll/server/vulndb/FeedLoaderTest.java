package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.testing.JsonListUpdater;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.amazon.AmazonFeedTree;
import io.plimsoll.ecosystem.amazon.AmazonUpdateInfoUpdater;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedLoaderTest {

    @TempDir
    Path tmp;

    private Database db;
    private PostgresVulnStore store;

    @BeforeEach
    void open() {
        db = TestPostgres.newDatabase();
        store = new PostgresVulnStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FeedLoader loader(List<Updater> updaters) {
        return new FeedLoader(db.dataSource(), updaters, FeedProgress.NONE, 2, Clock.systemUTC());
    }

    private List<Updater> debianAndList() {
        return List.of(Ecosystems.updaters(Optional.empty()).stream().filter(u -> u.name().equals("debian"))
                .findFirst().orElseThrow(), new JsonListUpdater("b"));
    }

    @Test
    void aFailingSourceKeepsItsRowsWhileTheOthersUpdateAndASecondLoadRecordsOnlyWhatChanged() throws Exception {
        Path from = tmp.resolve("feeds");
        VulnTestFeeds.debian(from, 3);
        VulnTestFeeds.write(from.resolve("b/list.json"),
                "[{\"id\":\"CVE-1\",\"ns\":\"alpine:3.19\",\"pkg\":\"musl\",\"fixed\":\"1.2.4-r3\"}]");
        FeedLoader loader = loader(debianAndList());

        FeedLoader.Result first = loader.load(new UpdateRunner.LocalDirectory(from));
        assertThat(first.allOk()).as(first.toString()).isTrue();
        assertThat(store.counts().get("debian")).containsEntry("advisory", 3L).containsEntry("affected", 3L);
        assertThat(store.affected("debian:12", "pkg1")).singleElement().satisfies(a -> {
            assertThat(a.advisoryId()).isEqualTo("CVE-2024-10001");
            assertThat(a.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(a.ranges().get(0).fixed()).contains("1.1-1");
        });
        // the first load of a source is a change: everything is added
        assertThat(first.source("debian").orElseThrow().added()).isEqualTo(3);
        assertThat(operations("debian")).hasSize(1);

        // debian's file is now truncated, b gets a second CVE: debian keeps its rows, b updates
        Files.writeString(from.resolve("debian/tracker/data/json"), "{\"pkg0\":{\"CVE-2024-1");
        VulnTestFeeds.write(from.resolve("b/list.json"),
                "[{\"id\":\"CVE-1\",\"ns\":\"alpine:3.19\",\"pkg\":\"musl\",\"fixed\":\"1.2.4-r3\"},"
                        + "{\"id\":\"CVE-2\",\"ns\":\"alpine:3.19\",\"pkg\":\"zlib\",\"fixed\":\"1.3-r0\"}]");
        FeedLoader.Result second = loader.load(new UpdateRunner.LocalDirectory(from));
        FeedLoader.SourceResult failed = second.source("debian").orElseThrow();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("tracker/data/json"));
        assertThat(store.counts().get("debian")).containsEntry("advisory", 3L).containsEntry("affected", 3L);
        assertThat(store.affected("debian:12", "pkg2")).hasSize(1);
        assertThat(store.affected("alpine:3.19", "zlib")).hasSize(1);
        SourceStatus debian = store.sources().stream().filter(s -> s.name().equals("debian")).findFirst().orElseThrow();
        assertThat(debian.error()).isPresent();
        assertThat(debian.updatedAt()).isPresent();
        assertThat(debian.records()).isEqualTo(6);
        assertThat(operations("debian")).hasSize(1);
        assertThat(operations("b")).hasSize(2);

        // a repaired feed that adds one CVE: exactly one new operation for debian, with exactly one added row
        VulnTestFeeds.debian(from, 4);
        FeedLoader.Result third = loader.load(new UpdateRunner.LocalDirectory(from));
        assertThat(third.allOk()).isTrue();
        assertThat(operations("debian")).hasSize(2);
        assertThat(operations("b")).hasSize(2);
        UUID ref = third.source("debian").orElseThrow().operation().orElseThrow();
        List<String[]> diff = diffRows(ref);
        assertThat(diff).singleElement().satisfies(row -> {
            assertThat(row[0]).isEqualTo("added");
            assertThat(row[1]).isEqualTo("pkg3");
        });
        UpdateOperations ops = new UpdateOperations(db.dataSource());
        UpdateOperations.Change change = ops.diff(Optional.empty(), ops.get(ref).orElseThrow()).added().get(0);
        assertThat(VulnJson.diffAffected(change.data()).advisoryId()).isEqualTo("CVE-2024-10003");
        assertThat(VulnJson.diffAdvisory(change.data()).description()).isEqualTo("flaw 3");
        assertThat(third.source("b").orElseThrow().operation()).isEmpty();

        // nothing changed: no operation at all
        FeedLoader.Result fourth = loader.load(new UpdateRunner.LocalDirectory(from));
        assertThat(fourth.sources()).allSatisfy(s -> assertThat(s.operation()).isEmpty());
        assertThat(operations("debian")).hasSize(2);
    }

    @Test
    void anAmazonExtrasTopicThatFailsKeepsItsRowsAndAgeWhileTheOtherTopicsUpdate() throws Exception {
        Path amazon = tmp.resolve("feeds/amazon");
        AmazonFeedTree tree = AmazonFeedTree.at(amazon).core("")
                .topic("docker", AmazonFeedTree.securityUpdate("ALAS2DOCKER-2023-024", "CVE-2023-28840", "docker",
                        "20.10.25", "1.amzn2.0.4"))
                .topic("kernel-5.10", AmazonFeedTree.securityUpdate("ALAS2KERNEL-5.10-2023-030", "CVE-2023-3090",
                        "kernel", "5.10.184", "175.731.amzn2"));
        FeedLoader loader = loader(List.of(new AmazonUpdateInfoUpdater(List.of("docker", "kernel-5.10"))));
        UpdateRunner.LocalDirectory from = new UpdateRunner.LocalDirectory(tmp.resolve("feeds"));
        assertThat(loader.load(from).allOk()).isTrue();
        java.time.Instant kernelRead = amazonPart("kernel-5.10").updatedAt().orElseThrow();

        // the kernel topic's repository loses its repomd.xml; docker's publishes a second advisory
        Files.delete(amazon.resolve(AmazonFeedTree.topicRepository("kernel-5.10") + "repodata/repomd.xml"));
        tree.topic("docker", AmazonFeedTree.securityUpdate("ALAS2DOCKER-2023-024", "CVE-2023-28840", "docker",
                "20.10.25", "1.amzn2.0.4") + AmazonFeedTree.securityUpdate("ALAS2DOCKER-2024-031", "CVE-2024-21626",
                "runc", "1.1.11", "1.amzn2"));
        loader.load(from);
        assertThat(store.affected("amzn:2:extras:kernel-5.10", "kernel")).singleElement()
                .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2KERNEL-5.10-2023-030"));
        assertThat(store.affected("amzn:2:extras:docker", "runc")).hasSize(1);
        assertThat(amazonPart("kernel-5.10")).satisfies(p -> {
            assertThat(p.error()).hasValueSatisfying(e -> assertThat(e).contains("no repodata/repomd.xml"));
            assertThat(p.updatedAt()).contains(kernelRead);
        });
        assertThat(amazonPart("docker").error()).isEmpty();
        assertThat(amazonPart("docker").records()).isEqualTo(2);
    }

    private SourceStatus amazonPart(String topic) {
        return store.sources().stream().filter(s -> s.name().equals("amazon")).findFirst().orElseThrow().parts()
                .stream().filter(p -> p.name().equals("amazon/extras/" + topic)).findFirst().orElseThrow();
    }


    @Test
    void aRemovedRowIsARemovedDiffAndASourceWithoutAFolderIsLeftAlone() throws Exception {
        Path from = tmp.resolve("feeds");
        VulnTestFeeds.debian(from, 2);
        VulnTestFeeds.write(from.resolve("b/list.json"), "[]");
        FeedLoader loader = loader(debianAndList());
        loader.load(new UpdateRunner.LocalDirectory(from));

        VulnTestFeeds.debian(from, 1);
        Path onlyDebian = tmp.resolve("only-debian");
        Files.createDirectories(onlyDebian);
        Files.move(from.resolve("debian"), onlyDebian.resolve("debian"));
        FeedLoader.Result r = loader.load(new UpdateRunner.LocalDirectory(onlyDebian));
        assertThat(r.sources()).extracting(FeedLoader.SourceResult::source).containsExactly("debian");
        FeedLoader.SourceResult debian = r.source("debian").orElseThrow();
        assertThat(debian.added()).isZero();
        assertThat(debian.removed()).isEqualTo(1);
        assertThat(diffRows(debian.operation().orElseThrow())).singleElement()
                .satisfies(row -> assertThat(row).containsExactly("removed", "pkg1"));
        assertThat(store.affected("debian:12", "pkg1")).isEmpty();
        // the removed row's advisory is still in the diff although the advisory table no longer has it
        UpdateOperations ops = new UpdateOperations(db.dataSource());
        UpdateOperations.Change removed = ops.diff(Optional.empty(), ops.get(debian.operation().get()).orElseThrow())
                .removed().get(0);
        assertThat(VulnJson.diffAdvisory(removed.data()).description()).isEqualTo("flaw 1");
    }

    /** An incremental source: keepPrevious, remove, a re-published advisory, state cursors. */
    @Test
    void incrementalSourcesKeepTheirRowsAndReplaceByKey() throws Exception {
        Incremental inc = new Incremental();
        Path from = tmp.resolve("feeds");
        Files.createDirectories(from.resolve("inc"));
        FeedLoader loader = loader(List.of(inc));

        inc.round = 1;
        assertThat(loader.load(new UpdateRunner.LocalDirectory(from)).allOk()).isTrue();
        assertThat(inc.keptAnswers).containsExactly(false);
        assertThat(store.affected("npm", "left-pad")).hasSize(2);

        inc.round = 2;
        FeedLoader.Result r = loader.load(new UpdateRunner.LocalDirectory(from));
        assertThat(r.allOk()).as(r.toString()).isTrue();
        assertThat(inc.keptAnswers).containsExactly(false, true);
        assertThat(inc.seenCursor).contains("c1");
        // GHSA-a withdrawn, GHSA-b re-published with one row instead of its old one, GHSA-c new
        assertThat(store.advisories("inc", List.of("GHSA-a", "GHSA-b", "GHSA-c")).keySet())
                .containsExactlyInAnyOrder("GHSA-b", "GHSA-c");
        assertThat(store.affected("npm", "left-pad")).extracting(AffectedPackage::advisoryId)
                .containsExactly("GHSA-b");
        assertThat(store.affected("npm", "left-pad").get(0).ranges().get(0).fixed()).contains("2.0.0");
        assertThat(store.affected("npm", "is-even")).extracting(AffectedPackage::advisoryId).containsExactly("GHSA-c");
        assertThat(store.sources().get(0).state()).containsEntry("cursor", "c2").containsEntry("since", "s1");
        FeedLoader.SourceResult s = r.source("inc").orElseThrow();
        assertThat(s.added()).isEqualTo(2);
        assertThat(s.removed()).isEqualTo(2);

        // a failed incremental round keeps everything, including the cursor
        inc.round = 3;
        assertThat(loader.load(new UpdateRunner.LocalDirectory(from)).allOk()).isFalse();
        assertThat(store.affected("npm", "left-pad")).hasSize(1);
        assertThat(store.sources().get(0).state()).containsEntry("cursor", "c2");
    }

    private static final class Incremental implements Updater {
        int round;
        final List<Boolean> keptAnswers = new ArrayList<>();
        Optional<String> seenCursor = Optional.empty();

        @Override
        public String name() {
            return "inc";
        }

        @Override
        public String defaultBaseUrl() {
            return "https://feeds.invalid/inc/";
        }

        @Override
        public String description() {
            return "incremental test source";
        }

        @Override
        public void update(FeedFetcher fetcher, FeedSink sink) throws FeedException {
            boolean kept = sink.keepPrevious();
            keptAnswers.add(kept);
            seenCursor = sink.previousState("cursor");
            if (round == 1) {
                sink.advisory(Advisory.of("GHSA-a", "inc"));
                sink.affected(AffectedPackage.fixedIn("GHSA-a", "inc", "npm", "left-pad", "semver", "1.0.0"));
                sink.advisory(Advisory.of("GHSA-b", "inc"));
                sink.affected(AffectedPackage.fixedIn("GHSA-b", "inc", "npm", "left-pad", "semver", "1.5.0"));
                sink.state("cursor", "c1");
                sink.state("since", "s1");
            } else if (round == 2) {
                sink.remove("GHSA-a");
                sink.advisory(Advisory.of("GHSA-b", "inc"));
                sink.affected(AffectedPackage.fixedIn("GHSA-b", "inc", "npm", "left-pad", "semver", "2.0.0"));
                sink.advisory(Advisory.of("GHSA-c", "inc"));
                sink.affected(AffectedPackage.fixedIn("GHSA-c", "inc", "npm", "is-even", "semver", "0.1.0"));
                sink.state("cursor", "c2");
            } else {
                sink.remove("GHSA-b");
                sink.state("cursor", "c3");
                throw new FeedException("inc", "page 2", "HTTP 503");
            }
        }
    }

    private List<String> operations(String source) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT ref::text FROM update_operation WHERE source = ? ORDER BY created_at")) {
            p.setString(1, source);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private List<String[]> diffRows(UUID ref) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT change, name FROM update_diff WHERE ref = ? ORDER BY name")) {
            p.setObject(1, ref);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }
}
