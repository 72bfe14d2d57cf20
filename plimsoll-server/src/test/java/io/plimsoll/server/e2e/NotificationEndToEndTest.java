package io.plimsoll.server.e2e;

import io.plimsoll.server.testing.BlobServer;
import io.plimsoll.server.testing.ClairSchemas;
import static io.plimsoll.server.e2e.E2eFixtures.await;
import static io.plimsoll.server.e2e.E2eFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.e2e.E2eFixtures.TrackerCve;
import io.plimsoll.server.index.IndexerModule;
import io.plimsoll.server.notify.NotifierModule;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.FeedLoader;
import io.plimsoll.server.vulndb.UpdaterModule;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 acceptance: a feed update in an air-gapped directory reaches the webhook of a production-wired server
 * (every role, real PostgreSQL) as exactly one Clair notification about the indexed manifest it affects.
 */
class NotificationEndToEndTest {

    /** Fixed in a version below the installed one: touches openssl, but the manifest is not affected. */
    static final TrackerCve OLD_OPENSSL = new TrackerCve("openssl", "CVE-2023-0001", "3.0.0-1");
    /** A package the image does not have. */
    static final TrackerCve CURL = new TrackerCve("curl", "CVE-2024-0002", "7.88.1-10+deb12u6");
    /** Fixed after the installed version: the manifest is affected. */
    static final TrackerCve NEW_OPENSSL = new TrackerCve("openssl", "CVE-2024-0003", "3.0.11-1~deb12u2");

    @TempDir
    Path dir;

    private BlobServer blobs;
    private Path feeds;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        blobs = new BlobServer();
        feeds = dir.resolve("feeds");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        blobs.close();
    }

    private ServerConfig config(String dbUrl, String webhook) {
        return TestServers.config(dbUrl, dir.resolve("data"), Map.of(
                "updater.from", feeds.toString(),
                "updater.sources", "debian",
                "updater.interval", "0",
                "notifier.webhook", webhook,
                "notifier.delivery_retry", "50ms",
                "notifier.max_retry_delay", "200ms",
                "notifier.poll", "50ms",
                "indexer.allow_private_addresses", "true"));
    }

    private PlimsollServer start(ServerConfig config) throws Exception {
        PlimsollServer s = TestServers.start(config, null); // Modules.forRoles: the production wiring
        open.add(s);
        return s;
    }

    private static UpdaterModule updater(PlimsollServer s) {
        return (UpdaterModule) s.module("updater").orElseThrow();
    }

    private static NotifierModule notifier(PlimsollServer s) {
        return (NotifierModule) s.module("notifier").orElseThrow();
    }

    private Digest index(PlimsollServer s, String name) throws Exception {
        Digest m = E2eFixtures.manifestDigest(name);
        HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + "/indexer/api/v1/index_report",
                E2eFixtures.manifest(m, blobs, E2eFixtures.debianLayer(blobs)).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return m;
    }

    private static Set<String> reportedVulnerabilities(PlimsollServer s, Digest m) throws Exception {
        HttpResponse<String> r = TestServers.get(s.baseUrl() + "/matcher/api/v1/vulnerability_report/" + m);
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        JsonNode report = json(r.body());
        ClairSchemas.assertValidIfAvailable("vulnerability_report", report);
        Set<String> names = new TreeSet<>();
        report.path("vulnerabilities").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static FeedLoader.Result update(PlimsollServer s) throws InterruptedException {
        FeedLoader.Result r = updater(s).runOnce().orElseThrow();
        assertThat(r.allOk()).as(r.toString()).isTrue();
        return r;
    }

    private static long count(PlimsollServer s, String sql) {
        try (Connection c = s.context().database().connection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every update operation the updater recorded has been looked at by the notifier. */
    private static boolean allProcessed(PlimsollServer s) {
        return count(s, "SELECT count(*) FROM update_operation o WHERE o.kind = 'vulnerability' AND NOT EXISTS "
                + "(SELECT 1 FROM notifier_processed p WHERE p.ref = o.ref)") == 0;
    }

    @Test
    void anUpdateAffectingAnIndexedManifestIsAnnouncedOnceAfterTheWebhookRecovers() throws Exception {
        E2eFixtures.debianFeed(feeds, OLD_OPENSSL, CURL);
        try (Webhook hook = new Webhook(0, 2)) {
            PlimsollServer server = start(config(TestPostgres.newDatabaseUrl(), hook.url()));
            Digest m = index(server, "app:1");
            Digest other = index(server, "app:2"); // same image under another manifest: also affected

            // data that touches the manifest's source package but does not affect it: processed, no notification
            assertThat(update(server).source("debian").orElseThrow().added()).isEqualTo(2);
            await("the first update to be processed", () -> allProcessed(server));
            assertThat(count(server, "SELECT count(*) FROM notifier_processed")).isEqualTo(1);
            assertThat(count(server, "SELECT count(*) FROM notification")).isZero();
            assertThat(reportedVulnerabilities(server, m)).isEmpty();

            // the feed gains a CVE for openssl fixed after the installed version
            IndexerModule indexer = (IndexerModule) server.module("indexer").orElseThrow();
            int fetched = indexer.fetchedLayers();
            E2eFixtures.debianFeed(feeds, OLD_OPENSSL, CURL, NEW_OPENSSL);
            FeedLoader.SourceResult debian = update(server).source("debian").orElseThrow();
            assertThat(debian.added()).isEqualTo(1);
            // the matcher matches per request: the report names the CVE without re-indexing
            assertThat(reportedVulnerabilities(server, m)).containsExactly(NEW_OPENSSL.cve());
            assertThat(indexer.fetchedLayers()).isEqualTo(fetched);

            await("a delivery accepted by the webhook", () -> !hook.accepted().isEmpty());
            await("the update to be processed", () -> allProcessed(server));
            // nothing else is due: another delivery round announces nothing
            assertThat(notifier(server).deliverDue()).isZero();
            assertThat(hook.calls).hasSize(3);
            assertThat(hook.calls.stream().filter(c -> !c.accepted())).hasSize(2);
            Set<String> ids = hook.calls.stream().map(c -> c.body().path("notification_id").asText())
                    .collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(count(server, "SELECT count(*) FROM notification")).isEqualTo(1);
            Webhook.Call call = hook.accepted().get(0);
            ClairSchemas.assertValidIfAvailable("notification_webhook", call.body());
            assertThat(call.contentType()).contains("application/vnd.clair.notification_webhook.v1+json");

            // the callback serves the page: one item per affected manifest, reason added
            String callback = call.body().path("callback").asText();
            assertThat(callback).startsWith(server.baseUrl() + "/notifier/api/v1/notification/")
                    .endsWith(ids.iterator().next());
            HttpResponse<String> page = TestServers.get(callback);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json(page.body());
            ClairSchemas.assertValidIfAvailable("notification_page", body);
            assertThat(body.path("page").path("size").asInt()).isEqualTo(2);
            assertThat(body.path("page").has("next")).isFalse();
            List<String> manifests = new ArrayList<>();
            for (JsonNode n : body.path("notifications")) {
                manifests.add(n.path("manifest").asText());
                assertThat(n.path("reason").asText()).isEqualTo("added");
                assertThat(n.path("vulnerability").path("name").asText()).isEqualTo(NEW_OPENSSL.cve());
                assertThat(n.path("vulnerability").path("fixed_in_version").asText()).isEqualTo(NEW_OPENSSL.fixed());
            }
            assertThat(manifests).containsExactlyInAnyOrder(m.toString(), other.toString());

            // the same data again is no update at all
            assertThat(updater(server).runOnce().orElseThrow().source("debian").orElseThrow().operation()).isEmpty();
            assertThat(notifier(server).processPending()).isZero();
            assertThat(hook.calls).hasSize(3);
        }
    }

    @Test
    void aNotificationTheWebhookNeverTookIsDeliveredOnceByTheNextServerOnTheSameDatabase() throws Exception {
        E2eFixtures.debianFeed(feeds, NEW_OPENSSL);
        String db = TestPostgres.newDatabaseUrl();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // nothing listens here until the webhook comes up
        }
        String url = "http://127.0.0.1:" + port + "/hook";
        PlimsollServer first = start(config(db, url));
        Digest m = index(first, "down:1");
        update(first);
        await("a failed delivery", () -> count(first, "SELECT count(*) FROM notification WHERE attempts > 0") == 1);
        assertThat(count(first, "SELECT count(*) FROM notification WHERE delivered_at IS NULL")).isEqualTo(1);
        first.close();
        open.remove(first);

        try (Webhook hook = new Webhook(port, 0)) {
            PlimsollServer second = start(config(db, url));
            await("the delivery", () -> !hook.accepted().isEmpty());
            assertThat(notifier(second).deliverDue()).isZero();
            assertThat(hook.calls).hasSize(1);
            HttpResponse<String> page = TestServers.get(hook.calls.get(0).body().path("callback").asText());
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode item = json(page.body()).path("notifications").get(0);
            assertThat(item.path("manifest").asText()).isEqualTo(m.toString());
            assertThat(item.path("vulnerability").path("name").asText()).isEqualTo(NEW_OPENSSL.cve());
            assertThat(count(second, "SELECT count(*) FROM notification")).isEqualTo(1);
        }
    }
}
