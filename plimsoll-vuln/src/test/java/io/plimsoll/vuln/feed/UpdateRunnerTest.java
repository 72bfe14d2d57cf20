package io.plimsoll.vuln.feed;

import io.plimsoll.vuln.testing.JsonListUpdater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreException;
import io.plimsoll.vuln.testing.FeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateRunnerTest {

    @TempDir
    Path tmp;

    private Path feeds(String source, String json) throws IOException {
        Path dir = tmp.resolve("feeds").resolve(source);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("list.json"), json);
        return tmp.resolve("feeds");
    }

    private static final String ONE = "[{\"id\":\"CVE-1\",\"ns\":\"debian:12\",\"pkg\":\"openssl\",\"fixed\":\"3.0.1-1\"}]";
    private static final String TWO = "[{\"id\":\"CVE-1\",\"ns\":\"debian:12\",\"pkg\":\"openssl\",\"fixed\":\"3.0.1-1\"},"
            + "{\"id\":\"CVE-2\",\"ns\":\"debian:12\",\"pkg\":\"zlib\",\"fixed\":\"1:1.3-1\"}]";

    private UpdateRunner.Network network(FeedServer server, String... sources) {
        Map<String, String> urls = new java.util.HashMap<>();
        for (String s : sources) {
            urls.put(s, server.url(s));
        }
        return new UpdateRunner.Network(urls, tmp.resolve("cache"),
                HttpSettings.defaults().withBackoff(Duration.ofMillis(10)));
    }

    @Test
    void buildsTheDatabaseFromALocalFolderAndReadsItBack() throws Exception {
        Path from = feeds("a", TWO);
        Path db = tmp.resolve("vuln.db");
        UpdateRunner.Report report = new UpdateRunner(List.of(new JsonListUpdater("a")), FeedProgress.NONE, 2)
                .run(db, new UpdateRunner.LocalDirectory(from));
        assertThat(report.allOk()).isTrue();
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.affected("debian:12", "zlib")).singleElement().satisfies(a -> {
                assertThat(a.advisoryId()).isEqualTo("CVE-2");
                assertThat(a.status()).isEqualTo(AffectedStatus.FIXED);
                assertThat(a.ranges().get(0).fixed()).contains("1:1.3-1");
            });
            assertThat(store.affected("debian:11", "zlib")).isEmpty();
            assertThat(store.advisory("a", "CVE-1")).isPresent();
            assertThat(store.sources()).singleElement().satisfies(s -> {
                assertThat(s.records()).isEqualTo(4);
                assertThat(s.error()).isEmpty();
            });
        }
    }

    @Test
    void aFailingSourceKeepsItsPreviousDataWhileTheOthersUpdate() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path from = feeds("a", ONE);
        feeds("b", ONE.replace("openssl", "curl"));
        List<Updater> both = List.of(new JsonListUpdater("a"), new JsonListUpdater("b"));
        new UpdateRunner(both, FeedProgress.NONE, 2).run(db, new UpdateRunner.LocalDirectory(from));

        feeds("a", TWO);
        Files.writeString(from.resolve("b/list.json"), "[{\"id\":\"CVE-9\",\"ns\"");   // truncated
        UpdateRunner.Report report = new UpdateRunner(both, FeedProgress.NONE, 2)
                .run(db, new UpdateRunner.LocalDirectory(from));

        assertThat(report.allOk()).isFalse();
        assertThat(report.outcomes()).filteredOn(o -> o.source().equals("b")).singleElement()
                .satisfies(o -> assertThat(o.error().orElseThrow()).contains("list.json").contains("truncated"));
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.affected("debian:12", "zlib")).hasSize(1);          // a updated
            assertThat(store.affected("debian:12", "curl")).hasSize(1);          // b kept
            SourceStatus b = store.sources().stream().filter(s -> s.name().equals("b")).findFirst().orElseThrow();
            assertThat(b.error()).isPresent();
            assertThat(b.updatedAt()).isPresent();
            assertThat(b.attemptAt()).isAfter(b.updatedAt().get());
        }
    }

    @Test
    void aRecordOverTheParsersLimitsOrAParserDefectFailsItsSourceAloneAndTheOthersApply() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path from = feeds("deep", ONE);
        feeds("long", ONE.replace("openssl", "curl"));
        feeds("odd", ONE.replace("openssl", "bash"));
        feeds("good", ONE.replace("openssl", "zlib"));
        List<Updater> all = List.of(new JsonListUpdater("deep"), new JsonListUpdater("long"),
                new JsonListUpdater("odd"), new JsonListUpdater("good"));
        new UpdateRunner(all, FeedProgress.NONE, 2).run(db, new UpdateRunner.LocalDirectory(from));

        Files.writeString(from.resolve("deep/list.json"), "[".repeat(1_001) + "]".repeat(1_001));
        try (var w = Files.newBufferedWriter(from.resolve("long/list.json"))) {
            // one string longer than Jackson's 20,000,000-character limit
            w.write("[{\"id\":\"");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 21; i++) {
                w.write(chunk);
            }
            w.write("\"}]");
        }
        Files.writeString(from.resolve("odd/list.json"), "[{\"ns\":\"debian:12\"}]");   // no id: the parser's NPE
        Files.writeString(from.resolve("good/list.json"), TWO.replace("openssl", "zlib"));
        UpdateRunner.Report report = new UpdateRunner(all, FeedProgress.NONE, 2)
                .run(db, new UpdateRunner.LocalDirectory(from));

        Map<String, String> errors = new java.util.TreeMap<>();
        report.outcomes().forEach(o -> errors.put(o.source(), o.error().orElse("ok")));
        assertThat(errors).containsEntry("good", "ok");
        assertThat(errors.get("deep")).isEqualTo(from.resolve("deep/list.json").toAbsolutePath()
                + ": over the JSON parser's limits: Document nesting depth (1001) exceeds the maximum allowed (1000)");
        assertThat(errors.get("long")).startsWith(from.resolve("long/list.json").toAbsolutePath()
                + ": over the JSON parser's limits: String value length").contains("exceeds the maximum allowed");
        assertThat(errors.get("odd")).startsWith("cannot read the feed (java.lang.NullPointerException");
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.affected("debian:12", "zlib")).hasSize(2);          // good applied (CVE-1 and CVE-2)
            assertThat(store.affected("debian:12", "openssl")).hasSize(1);       // deep kept
            assertThat(store.affected("debian:12", "curl")).hasSize(1);          // long kept
            assertThat(store.affected("debian:12", "bash")).hasSize(1);          // odd kept
        }
    }

    @Test
    void anUpdateThatBringsNothingNewLeavesTheFileByteIdentical() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path from = feeds("a", ONE);
        feeds("b", ONE.replace("openssl", "curl"));
        List<Updater> both = List.of(new JsonListUpdater("a"), new JsonListUpdater("b"));
        new UpdateRunner(both, FeedProgress.NONE, 2).run(db, new UpdateRunner.LocalDirectory(from));
        byte[] before = Files.readAllBytes(db);

        Files.writeString(from.resolve("a/list.json"), "<html>portal</html>");
        Files.writeString(from.resolve("b/list.json"), "[{\"id\":");
        UpdateRunner.Report failed = new UpdateRunner(both, FeedProgress.NONE, 2)
                .run(db, new UpdateRunner.LocalDirectory(from));
        assertThat(failed.outcomes()).hasSize(2).noneMatch(UpdateRunner.Outcome::applied);
        assertThat(Files.readAllBytes(db)).isEqualTo(before);

        // only sources without a folder: each is kept as it was, so nothing is rewritten either
        Path other = Files.createDirectories(tmp.resolve("other"));
        UpdateRunner.Report kept = new UpdateRunner(both, FeedProgress.NONE, 2)
                .run(db, new UpdateRunner.LocalDirectory(other));
        assertThat(kept.outcomes()).isEmpty();
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anUnfinishedUpdateLeavesTheOldFileUntouched() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path from = feeds("a", ONE);
        new UpdateRunner(List.of(new JsonListUpdater("a")), FeedProgress.NONE, 1)
                .run(db, new UpdateRunner.LocalDirectory(from));
        byte[] before = Files.readAllBytes(db);
        try (var builder = io.plimsoll.vuln.store.StoreBuilder.create(db)) {
            builder.sink("a").advisory(io.plimsoll.vuln.Advisory.of("CVE-NEW", "a"));
            // no commit: as if the process was killed here
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aTruncatedDatabaseIsAClearErrorNamingTheFile() throws Exception {
        Path db = tmp.resolve("vuln.db");
        new UpdateRunner(List.of(new JsonListUpdater("a")), FeedProgress.NONE, 1)
                .run(db, new UpdateRunner.LocalDirectory(feeds("a", TWO)));
        byte[] all = Files.readAllBytes(db);
        Path cut = tmp.resolve("cut.db");
        Files.write(cut, java.util.Arrays.copyOf(all, 3000));
        assertThatThrownBy(() -> SqliteVulnStore.open(cut)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cut.db").hasMessageContaining("db update");
        Path text = tmp.resolve("text.db");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> SqliteVulnStore.open(text)).isInstanceOf(StoreException.class)
                .hasMessageContaining("text.db");
        assertThatThrownBy(() -> SqliteVulnStore.open(tmp.resolve("absent.db"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("db update");
    }

    @Test
    void overHttpASecondUpdateIsConditionalAndServedFromTheCache() throws Exception {
        feeds("a", TWO);
        try (FeedServer server = new FeedServer().mount("a", tmp.resolve("feeds/a"))) {
            Path db = tmp.resolve("vuln.db");
            UpdateRunner runner = new UpdateRunner(List.of(new JsonListUpdater("a")), FeedProgress.NONE, 1);
            assertThat(runner.run(db, network(server, "a")).allOk()).isTrue();
            assertThat(runner.run(db, network(server, "a")).allOk()).isTrue();
            assertThat(server.requestHeaders.get(0)).doesNotContainKey("If-none-match");
            assertThat(server.requestHeaders.get(1).get("If-none-match")).isNotEmpty();
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                assertThat(store.affected("debian:12", "zlib")).hasSize(1);
                assertThat(store.sources().get(0).checksum()).startsWith("sha256:");
            }
        }
    }

    @Test
    void retriesA500AndRejectsAnHtmlPageWhileOtherSourcesUpdate() throws Exception {
        feeds("a", TWO);
        feeds("b", ONE);
        try (FeedServer server = new FeedServer().mount("a", tmp.resolve("feeds/a")).mount("b", tmp.resolve("feeds/b"))) {
            server.fault("/a/list.json", n -> n == 1 ? FeedServer.Fault.status(500) : null);
            server.fault("/b/list.json", n -> FeedServer.Fault.html());
            UpdateRunner.Report report = new UpdateRunner(
                    List.of(new JsonListUpdater("a"), new JsonListUpdater("b")), FeedProgress.NONE, 2)
                    .run(tmp.resolve("vuln.db"), network(server, "a", "b"));
            assertThat(server.hits("/a/list.json")).isEqualTo(2);
            assertThat(report.outcomes()).filteredOn(UpdateRunner.Outcome::ok).extracting(UpdateRunner.Outcome::source)
                    .containsExactly("a");
            assertThat(report.outcomes()).filteredOn(o -> !o.ok()).singleElement()
                    .satisfies(o -> assertThat(o.error().orElseThrow()).contains("HTML page"));
        }
    }

    @Test
    void contentIsJudgedByWhatArrivesNotByTheContentTypeHeader() throws Exception {
        feeds("a", TWO);
        feeds("b", ONE);
        try (FeedServer server = new FeedServer().mount("a", tmp.resolve("feeds/a")).mount("b", tmp.resolve("feeds/b"))) {
            // a mislabelled but valid JSON file is accepted; binary junk labelled as JSON is refused
            server.fault("/a/list.json", n -> new FeedServer.Fault(200, "text/html", TWO.getBytes(), 0));
            server.fault("/b/list.json", n -> new FeedServer.Fault(200, "application/json",
                    new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 0}, 0));
            UpdateRunner.Report report = new UpdateRunner(
                    List.of(new JsonListUpdater("a"), new JsonListUpdater("b")), FeedProgress.NONE, 2)
                    .run(tmp.resolve("vuln.db"), network(server, "a", "b"));
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("a")).singleElement()
                    .satisfies(o -> assertThat(o.ok()).isTrue());
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("b")).singleElement()
                    .satisfies(o -> assertThat(o.error().orElseThrow()).contains("list.json").contains("invalid JSON"));
        }
    }

    @Test
    void timeoutsAndUnreachableHostsFailTheSourceWithoutHanging() throws Exception {
        feeds("a", TWO);
        try (FeedServer server = new FeedServer().mount("a", tmp.resolve("feeds/a"))) {
            server.fault("/a/list.json", n -> FeedServer.Fault.delay(3_000));
            HttpSettings quick = HttpSettings.defaults().withBackoff(Duration.ofMillis(10))
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(1));
            UpdateRunner.Network net = new UpdateRunner.Network(
                    Map.of("a", server.url("a"), "b", "http://nonexistent.invalid/b/"), tmp.resolve("cache"),
                    new HttpSettings(quick.connectTimeout(), quick.responseTimeout(), quick.readTimeout(), 1,
                            quick.backoff(), "test"));
            UpdateRunner.Report report = new UpdateRunner(
                    List.of(new JsonListUpdater("a"), new JsonListUpdater("b")), FeedProgress.NONE, 2)
                    .run(tmp.resolve("vuln.db"), net);
            assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.ok()).isFalse());
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("a")).singleElement()
                    .satisfies(o -> assertThat(o.error().orElseThrow()).contains("no response within"));
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("b")).singleElement()
                    .satisfies(o -> assertThat(o.error().orElseThrow()).contains("unknown host"));
        }
    }
}
