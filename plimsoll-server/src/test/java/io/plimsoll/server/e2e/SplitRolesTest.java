package io.plimsoll.server.e2e;

import io.plimsoll.server.testing.BlobServer;
import io.plimsoll.server.testing.ClairSchemas;
import static io.plimsoll.server.e2e.E2eFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.e2e.E2eFixtures.TrackerCve;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.UpdaterModule;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes with different roles over one database behave as one service. */
class SplitRolesTest {

    @TempDir
    Path dir;

    @Test
    void indexingInOneProcessAndMatchingAndNotifyingInAnotherShareTheDatabase() throws Exception {
        Path feeds = dir.resolve("feeds");
        TrackerCve cve = new TrackerCve("openssl", "CVE-2024-0003", "3.0.11-1~deb12u2");
        E2eFixtures.debianFeed(feeds, cve);
        String db = TestPostgres.newDatabaseUrl();
        Map<String, String> common = new HashMap<>(Map.of("indexer.allow_private_addresses", "true",
                "updater.from", feeds.toString(), "updater.sources", "debian", "notifier.poll", "50ms"));
        Map<String, String> front = new HashMap<>(common);
        front.put("roles", "indexer,api");
        Map<String, String> back = new HashMap<>(common);
        back.put("roles", "matcher,notifier,updater");
        try (BlobServer blobs = new BlobServer();
             PlimsollServer indexer = TestServers.start(TestServers.config(db, dir.resolve("a"), front), null);
             PlimsollServer matcher = TestServers.start(TestServers.config(db, dir.resolve("b"), back), null)) {
            assertThat(indexer.module("matcher")).isEmpty();
            assertThat(matcher.module("indexer")).isEmpty();

            Digest m = E2eFixtures.manifestDigest("split");
            HttpResponse<String> indexed = TestServers.send("POST",
                    indexer.baseUrl() + "/indexer/api/v1/index_report",
                    E2eFixtures.manifest(m, blobs, E2eFixtures.debianLayer(blobs)).toString());
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

            // before any feed data, the other process already finds the manifest
            HttpResponse<String> empty = TestServers.get(
                    matcher.baseUrl() + "/matcher/api/v1/vulnerability_report/" + m);
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(201);
            assertThat(json(empty.body()).path("vulnerabilities")).isEmpty();

            ((UpdaterModule) matcher.module("updater").orElseThrow()).runOnce().orElseThrow();
            HttpResponse<String> report = TestServers.get(
                    matcher.baseUrl() + "/matcher/api/v1/vulnerability_report/" + m);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
            ClairSchemas.assertValidIfAvailable("vulnerability_report", json(report.body()));
            assertThat(json(report.body()).path("vulnerabilities").elements().next().path("name").asText())
                    .isEqualTo(cve.cve());
            // the notifier of the second process sees the manifest the first one indexed
            E2eFixtures.await("the notification", () -> notified(matcher, m.toString()));

            // each process serves only its roles' routes
            HttpResponse<String> notHere = TestServers.get(
                    indexer.baseUrl() + "/matcher/api/v1/vulnerability_report/" + m);
            assertThat(notHere.statusCode()).isEqualTo(404);
            assertThat(json(notHere.body()).path("code").asText()).isEqualTo("not-found");
            assertThat(TestServers.get(indexer.baseUrl() + "/notifier/api/v1/notification/"
                    + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
            assertThat(TestServers.get(matcher.baseUrl() + "/indexer/api/v1/index_report/" + m).statusCode())
                    .isEqualTo(404);
            assertThat(TestServers.get(matcher.baseUrl() + "/v1/images").statusCode()).isEqualTo(404);
            // the indexer process still answers for the report it made, and both are ready
            assertThat(TestServers.get(indexer.baseUrl() + "/indexer/api/v1/index_report/" + m).statusCode())
                    .isEqualTo(200);
            assertThat(TestServers.get(indexer.baseUrl() + "/v1/images").statusCode()).isEqualTo(200);
            assertThat(TestServers.get(indexer.baseUrl() + "/readyz").statusCode()).isEqualTo(200);
            assertThat(TestServers.get(matcher.baseUrl() + "/readyz").statusCode()).isEqualTo(200);
        }
    }

    private static boolean notified(PlimsollServer s, String manifest) {
        try (Connection c = s.context().database().connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM notification_item WHERE manifest = ? AND reason = 'added'")) {
            ps.setString(1, manifest);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
