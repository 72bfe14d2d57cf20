package io.plimsoll.server.vulndb;

import io.plimsoll.vuln.testing.JsonListUpdater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.config.ConfigException;
import io.plimsoll.server.config.ConfigLoader;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.testing.FeedServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdaterModuleTest {

    @TempDir
    Path tmp;

    private PlimsollServer start(ServerConfig config, ByteArrayOutputStream log, List<Updater> updaters,
                                 UpdaterModule[] out) throws Exception {
        return TestServers.start(config, log, ctx -> {
            out[0] = new UpdaterModule(ctx, updaters);
            return List.of(out[0]);
        });
    }

    @Test
    void twoReplicasOnOneDatabaseNeverUpdateAtTheSameTime() throws Exception {
        Path from = tmp.resolve("feeds");
        Files.createDirectories(from.resolve("blocking"));
        VulnTestFeeds.write(from.resolve("b/list.json"),
                "[{\"id\":\"CVE-1\",\"ns\":\"debian:12\",\"pkg\":\"curl\",\"fixed\":\"8.0-1\"}]");
        String url = TestPostgres.newDatabaseUrl();
        ServerConfig config = TestServers.config(url, tmp.resolve("data"), Map.of("updater.from", from.toString()));
        VulnTestFeeds.BlockingUpdater blocking = new VulnTestFeeds.BlockingUpdater();
        UpdaterModule[] a = new UpdaterModule[1];
        UpdaterModule[] b = new UpdaterModule[1];
        ByteArrayOutputStream logB = new ByteArrayOutputStream();
        try (PlimsollServer serverA = start(config, null, List.of(blocking), a);
             PlimsollServer serverB = start(config, logB, List.of(new JsonListUpdater("b")), b)) {
            CompletableFuture<Optional<FeedLoader.Result>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return a[0].runOnce();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();
            // A holds the lock for the whole round: B skips, and so does a second round on A itself
            assertThat(b[0].runOnce()).isEmpty();
            assertThat(a[0].runOnce()).isEmpty();
            assertThat(logB.toString(StandardCharsets.UTF_8)).contains("feed update skipped");
            blocking.release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS)).hasValueSatisfying(r -> assertThat(r.allOk()).isTrue());

            List<FeedLoader.Result> heard = new java.util.ArrayList<>();
            b[0].addListener(heard::add);
            b[0].addListener(r -> {
                throw new IllegalStateException("a broken listener");
            });
            Optional<FeedLoader.Result> second = b[0].runOnce();
            assertThat(heard).containsExactly(second.orElseThrow());
            assertThat(logB.toString(StandardCharsets.UTF_8)).contains("a broken listener");
            assertThat(second).hasValueSatisfying(r -> {
                assertThat(r.allOk()).isTrue();
                assertThat(r.source("b").orElseThrow().records()).isEqualTo(2);
            });
            String metrics = TestServers.get(serverB.baseUrl() + "/metrics").body();
            // B reports the age of every source in the database, including the one A updated
            assertThat(metrics).contains("plimsoll_feed_age_seconds{source=\"b\"}")
                    .contains("plimsoll_feed_age_seconds{source=\"blocking\"}")
                    .contains("plimsoll_feed_update_duration_seconds");
            assertThat(new PostgresVulnStore(serverA.context().database().dataSource()).affected("debian:12", "curl"))
                    .hasSize(1);
        }
    }

    @Test
    void aSourceThatCannotBeDownloadedIsLoggedAndTheOthersStillUpdate() throws Exception {
        Path served = tmp.resolve("served");
        VulnTestFeeds.write(served.resolve("list.json"),
                "[{\"id\":\"CVE-7\",\"ns\":\"alpine:3.19\",\"pkg\":\"musl\",\"fixed\":\"1.2.5-r0\"}]");
        try (FeedServer feeds = new FeedServer().mount("good", served)) {
            Path yaml = tmp.resolve("plimsoll.yaml");
            // "bad" points at a folder the server does not have: every file is a 404
            Files.writeString(yaml, "updater:\n  feed_urls:\n    good: " + feeds.url("good") + "\n    bad: "
                    + feeds.url("missing").replaceAll("/$", "") + "\n");
            ServerConfig config = ConfigLoader.load(Optional.of(yaml), Map.of(
                    "PLIMSOLL_SERVER_LISTEN", "127.0.0.1:0",
                    "PLIMSOLL_SERVER_DATABASE", TestPostgres.newDatabaseUrl(),
                    "PLIMSOLL_SERVER_UPDATER_INTERVAL", "0"), tmp.resolve("data"));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            UpdaterModule[] m = new UpdaterModule[1];
            try (PlimsollServer server = start(config, log,
                    List.of(new JsonListUpdater("bad"), new JsonListUpdater("good")), m)) {
                FeedLoader.Result r = m[0].runOnce().orElseThrow();
                assertThat(r.source("good").orElseThrow().ok()).isTrue();
                FeedLoader.SourceResult bad = r.source("bad").orElseThrow();
                assertThat(bad.ok()).isFalse();
                assertThat(bad.error()).hasValueSatisfying(e -> assertThat(e).contains("list.json").contains("404"));
                String lines = log.toString(StandardCharsets.UTF_8);
                assertThat(lines.lines().filter(l -> l.contains("\"level\":\"warn\"") && l.contains("\"source\":\"bad\"")
                        && l.contains("404"))).hasSize(1);
                assertThat(new PostgresVulnStore(server.context().database().dataSource())
                        .affected("alpine:3.19", "musl")).hasSize(1);
            }
        }
    }

    @Test
    void sourcesAreSelectedByNameAndAnUnknownOneIsAConfigurationError() {
        List<Updater> all = List.of(new JsonListUpdater("debian"), new JsonListUpdater("nvd"),
                new JsonListUpdater("osv"));
        assertThat(UpdaterModule.select(all, List.of())).extracting(Updater::name).containsExactly("debian", "osv");
        assertThat(UpdaterModule.select(all, List.of("nvd"))).extracting(Updater::name).containsExactly("nvd");
        assertThatThrownBy(() -> UpdaterModule.select(all, List.of("debain")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown source 'debain'")
                .hasMessageContaining("debian, nvd, osv");
    }
}
