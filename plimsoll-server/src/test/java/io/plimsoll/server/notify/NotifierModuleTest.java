package io.plimsoll.server.notify;

import io.plimsoll.server.testing.ClairSchemas;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.plimsoll.catalog.Package;
import io.plimsoll.model.Distro;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.index.IndexedManifest;
import io.plimsoll.server.index.IndexedManifests;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier over a real PostgreSQL: update operations and diffs are inserted as the updater writes them, the
 * vulnerability data is an in-memory store the test fills, and the indexed manifests an in-test index.
 */
class NotifierModuleTest {

    static final Distro BOOKWORM = new Distro("debian", "12.5", "bookworm", "Debian GNU/Linux 12 (bookworm)", "",
            List.of());
    static final String NS = "debian:12";

    @TempDir
    Path dir;

    String dbUrl;
    RecordingSink sink;
    MemoryVulnStore store;
    Manifests manifests;
    final List<PlimsollServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        dbUrl = TestPostgres.newDatabaseUrl();
        sink = new RecordingSink();
        store = new MemoryVulnStore(sink);
        manifests = new Manifests();
    }

    @AfterEach
    void tearDown() {
        servers.forEach(PlimsollServer::close);
    }

    // ---- fixtures ------------------------------------------------------------------------------------------------

    static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    static Package deb(String name, String version, String source) {
        return new Package("deb", name, version, "amd64", source, version, List.of(),
                "pkg:deb/debian/" + name + "@" + version, List.of(), "dpkg", "/var/lib/dpkg/status", null, Map.of());
    }

    /** The indexed manifests: each filed under the Debian source names of its packages, as the indexer files them. */
    static final class Manifests implements IndexedManifests {
        final Map<String, IndexedManifest> byDigest = new ConcurrentHashMap<>();

        void add(String digest, Package... packages) {
            byDigest.put(digest, new IndexedManifest(digest, Optional.of(BOOKWORM), List.of(packages)));
        }

        @Override
        public Optional<IndexedManifest> manifest(String digest) {
            return Optional.ofNullable(byDigest.get(digest));
        }

        @Override
        public Set<String> withPackages(String namespace, Collection<String> names) {
            Set<String> out = new HashSet<>();
            if (!namespace.equals(NS)) {
                return out;
            }
            byDigest.values().forEach(m -> m.packages().forEach(p -> {
                if (names.contains(p.sourceName())) {
                    out.add(m.digest());
                }
            }));
            return out;
        }
    }

    static Advisory advisory(String id, String description) {
        return new Advisory(id, "debian", List.of(), "", description, Optional.empty(), Optional.empty(),
                List.of("https://security-tracker.debian.org/tracker/" + id), "high", Severity.HIGH, List.of());
    }

    /** Adds an advisory for {@code source} fixed in {@code fixed} to the data, and returns its diff row. */
    Diff publish(String id, String source, String fixed) {
        Advisory a = advisory(id, "a flaw in " + source);
        AffectedPackage p = AffectedPackage.fixedIn(id, "debian", NS, source, "deb", fixed);
        sink.advisory(a);
        sink.affected(p);
        return new Diff("added", id, source, fixed);
    }

    /** Withdraws an advisory from the data, and returns its diff row (with the rows as they were). */
    Diff withdraw(String id, String source, String fixed) {
        sink.remove(id);
        return new Diff("removed", id, source, fixed);
    }

    record Diff(String change, String id, String name, String fixed) {
        /** The diff data exactly as the updater writes it (the shared {@code VulnJson} shape). */
        String data() {
            return io.plimsoll.server.vulndb.VulnJson.diffRow(advisory(id, "a flaw in " + name),
                    AffectedPackage.fixedIn(id, "debian", NS, name, "deb", fixed)).toString();
        }
    }

    /** Records an update operation with its diff, as the updater does after a feed update that changed something. */
    UUID recordUpdate(Diff... rows) throws SQLException {
        UUID ref = UUID.randomUUID();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO update_operation (ref, source, fingerprint, "
                    + "created_at) VALUES (?, 'debian', ?, clock_timestamp())")) {
                ps.setObject(1, ref);
                ps.setString(2, ref.toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO update_diff (ref, change, advisory_id, "
                    + "namespace, name, data) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                for (Diff d : rows) {
                    ps.setObject(1, ref);
                    ps.setString(2, d.change());
                    ps.setString(3, d.id());
                    ps.setString(4, NS);
                    ps.setString(5, d.name());
                    ps.setString(6, d.data());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return ref;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:" + dbUrl.replace("postgres@", ""), "postgres", "");
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Optional<UUID> notificationOf(UUID ref) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT notification FROM notifier_processed WHERE ref = ?")) {
            ps.setObject(1, ref);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("update %s processed", ref).isTrue();
                return Optional.ofNullable(rs.getObject(1, UUID.class));
            }
        }
    }

    record Started(PlimsollServer server, NotifierModule notifier, ByteArrayOutputStream log) {
        String url(UUID id) {
            return server.baseUrl() + "/notifier/api/v1/notification/" + id;
        }
    }

    Started start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("roles", "notifier", "notifier.poll", "1h"));
        all.putAll(settings);
        ServerConfig config = TestServers.config(dbUrl, dir, all);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        NotifierModule[] module = new NotifierModule[1];
        PlimsollServer server = TestServers.start(config, log, ctx -> {
            module[0] = new NotifierModule(ctx, store, manifests);
            return List.of(module[0]);
        });
        servers.add(server);
        return new Started(server, module[0], log);
    }

    /** All items of a notification, fetched page by page; each page validated against Clair's schema. */
    List<JsonNode> allItems(Started s, UUID id, int pageSize, ClairSchemas schemas, List<Integer> pageSizes)
            throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> r = TestServers.get(s.url(id) + "?page_size=" + pageSize
                    + (next == null ? "" : "&next=" + next));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(schemas.errors("notification_page", r.body())).isEmpty();
            JsonNode page = Exchange.JSON.readTree(r.body());
            page.path("notifications").forEach(out::add);
            pageSizes.add(page.path("page").path("size").asInt());
            next = page.path("page").has("next") ? page.path("page").path("next").asText() : null;
        } while (next != null);
        return out;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        io.plimsoll.image.testing.Await.until(what, condition);
    }

    boolean delivered(UUID id) {
        try {
            return count("SELECT count(*) FROM notification WHERE id = ? AND delivered_at IS NOT NULL", id) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tests ---------------------------------------------------------------------------------------------------

    @Test
    void anUpdateNotifiesTheManifestsItAddsOrRemovesAVulnerabilityForAndNoOthers() throws Exception {
        ClairSchemas schemas = ClairSchemas.load();
        String vulnerable = digest(1);
        String unaffected = digest(2);
        manifests.add(vulnerable, deb("libssl3", "3.0.11-1~deb12u2", "openssl"), deb("zlib1g", "1:1.2.13", "zlib"));
        manifests.add(unaffected, deb("curl", "7.88.1-10+deb12u5", "curl"));
        Started s = start(Map.of());

        // a CVE for the manifest's openssl, indexed before the update: exactly one notification, naming it
        UUID added = recordUpdate(publish("CVE-2024-0727", "openssl", "3.0.13-1~deb12u1"));
        assertThat(s.notifier().processPending()).isEqualTo(1);
        UUID n1 = notificationOf(added).orElseThrow();
        assertThat(count("SELECT count(*) FROM notification")).isEqualTo(1);
        List<JsonNode> items = allItems(s, n1, 100, schemas, new ArrayList<>());
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("manifest").asText()).isEqualTo(vulnerable);
        assertThat(items.get(0).path("reason").asText()).isEqualTo("added");
        JsonNode v = items.get(0).path("vulnerability");
        assertThat(v.path("name").asText()).isEqualTo("CVE-2024-0727");
        assertThat(v.path("fixed_in_version").asText()).isEqualTo("3.0.13-1~deb12u1");
        assertThat(v.path("normalized_severity").asText()).isEqualTo("High");
        assertThat(v.path("package").path("name").asText()).isEqualTo("openssl");
        assertThat(v.path("distribution").path("did").asText()).isEqualTo("debian");

        // an update for a package no manifest has, and one whose fix is below the installed version: none
        UUID unrelated = recordUpdate(publish("CVE-2024-9999", "nginx", "1.24.0-2"));
        UUID notVulnerable = recordUpdate(publish("CVE-2020-1111", "zlib", "1:1.2.11"));
        assertThat(s.notifier().processPending()).isEqualTo(2);
        assertThat(notificationOf(unrelated)).isEmpty();
        assertThat(notificationOf(notVulnerable)).isEmpty();
        assertThat(count("SELECT count(*) FROM notification")).isEqualTo(1);
        assertThat(s.notifier().processPending()).as("nothing left to process").isZero();

        // a manifest indexed after the CVE arrived, then the CVE is withdrawn: both lose it, reason "removed"
        String later = digest(3);
        manifests.add(later, deb("openssl", "3.0.9-1", "openssl"));
        UUID removed = recordUpdate(withdraw("CVE-2024-0727", "openssl", "3.0.13-1~deb12u1"));
        assertThat(s.notifier().processPending()).isEqualTo(1);
        List<JsonNode> gone = allItems(s, notificationOf(removed).orElseThrow(), 100, schemas, new ArrayList<>());
        assertThat(gone).extracting(i -> i.path("manifest").asText()).containsExactlyInAnyOrder(vulnerable, later);
        assertThat(gone).allSatisfy(i -> {
            assertThat(i.path("reason").asText()).isEqualTo("removed");
            assertThat(i.path("vulnerability").path("name").asText()).isEqualTo("CVE-2024-0727");
        });
        assertThat(count("SELECT count(*) FROM notification")).isEqualTo(2);
    }

    @Test
    void pagesCoverEveryItemAndBadRequestsGetClairErrors() throws Exception {
        ClairSchemas schemas = ClairSchemas.load();
        Set<String> digests = new HashSet<>();
        for (int i = 1; i <= 7; i++) {
            manifests.add(digest(i), deb("libssl3", "3.0.11-1~deb12u2", "openssl"));
            digests.add(digest(i));
        }
        Started s = start(Map.of());
        UUID ref = recordUpdate(publish("CVE-2024-0727", "openssl", "3.0.13-1~deb12u1"));
        s.notifier().processPending();
        UUID id = notificationOf(ref).orElseThrow();

        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> items = allItems(s, id, 3, schemas, sizes);
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(items).extracting(i -> i.path("manifest").asText()).containsExactlyInAnyOrderElementsOf(digests);
        assertThat(items).extracting(i -> i.path("id").asText()).doesNotHaveDuplicates();
        assertThat(allItems(s, id, 7, schemas, new ArrayList<>())).hasSize(7);

        for (String bad : List.of("?page_size=0", "?page_size=many", "?next=nope", "?next=" + UUID.randomUUID())) {
            HttpResponse<String> r = TestServers.get(s.url(id) + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(schemas.errors("error", r.body())).isEmpty();
        }
        assertThat(TestServers.get(s.server().baseUrl() + "/notifier/api/v1/notification/not-a-uuid").statusCode())
                .isEqualTo(400);
        assertThat(TestServers.get(s.url(UUID.randomUUID())).statusCode()).isEqualTo(404);

        assertThat(TestServers.send("DELETE", s.url(id), null).statusCode()).isEqualTo(200);
        HttpResponse<String> afterDelete = TestServers.get(s.url(id));
        assertThat(afterDelete.statusCode()).isEqualTo(404);
        assertThat(schemas.errors("error", afterDelete.body())).isEmpty();
        assertThat(Exchange.JSON.readTree(afterDelete.body()).path("code").asText()).isEqualTo("not-found");
        assertThat(TestServers.send("DELETE", s.url(id), null).statusCode()).as("deleting again").isEqualTo(200);
        assertThat(TestServers.send("DELETE", s.url(UUID.randomUUID()), null).statusCode()).isEqualTo(404);
    }

    /** A webhook receiver that fails the first {@code failures} calls (or while {@code failing}) and records the rest. */
    static final class Receiver implements AutoCloseable {
        final HttpServer http;
        final AtomicInteger calls = new AtomicInteger();
        final List<String> accepted = new CopyOnWriteArrayList<>();
        volatile int failures;
        volatile boolean failing;

        Receiver(int failures) throws Exception {
            this.failures = failures;
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/hook", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int n = calls.incrementAndGet();
                int status = failing || n <= this.failures ? 503 : 200;
                if (status == 200) {
                    accepted.add(body);
                }
                ex.sendResponseHeaders(status, -1);
                ex.close();
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    @Test
    void aWebhookThatFailsTwiceGetsTheNotificationOnceAfterRetries() throws Exception {
        ClairSchemas schemas = ClairSchemas.load();
        manifests.add(digest(1), deb("libssl3", "3.0.11-1~deb12u2", "openssl"));
        try (Receiver hook = new Receiver(2)) {
            Started s = start(Map.of("notifier.webhook", hook.url(), "notifier.delivery_retry", "20ms",
                    "notifier.max_retry_delay", "200ms", "notifier.poll", "20ms"));
            UUID ref = recordUpdate(publish("CVE-2024-0727", "openssl", "3.0.13-1~deb12u1"));
            await("the update processed", () -> {
                try {
                    return count("SELECT count(*) FROM notifier_processed") == 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            UUID id = notificationOf(ref).orElseThrow();
            await("delivery", () -> delivered(id));

            assertThat(s.notifier().deliverDue()).as("nothing left to deliver").isZero();
            assertThat(hook.calls.get()).isEqualTo(3);
            assertThat(hook.accepted).hasSize(1);
            assertThat(schemas.errors("notification_webhook", hook.accepted.get(0))).isEmpty();
            JsonNode body = Exchange.JSON.readTree(hook.accepted.get(0));
            assertThat(body.path("notification_id").asText()).isEqualTo(id.toString());
            assertThat(body.path("callback").asText()).endsWith("/notifier/api/v1/notification/" + id);
            assertThat(count("SELECT attempts FROM notification WHERE id = ?", id)).isEqualTo(3);
            // each failure is logged with the notification's id
            String log = s.log().toString(StandardCharsets.UTF_8);
            assertThat(log.lines().filter(l -> l.contains("notification delivery failed")
                    && l.contains(id.toString()) && l.contains("503"))).hasSize(2);
        }
    }

    @Test
    void aRestartBetweenProcessingAndDeliveryLosesNothing() throws Exception {
        manifests.add(digest(1), deb("libssl3", "3.0.11-1~deb12u2", "openssl"));
        try (Receiver hook = new Receiver(0)) {
            hook.failing = true;
            Map<String, String> settings = Map.of("notifier.webhook", hook.url(), "notifier.delivery_retry", "20ms",
                    "notifier.max_retry_delay", "100ms", "notifier.poll", "20ms");
            Started first = start(settings);
            UUID ref = recordUpdate(publish("CVE-2024-0727", "openssl", "3.0.13-1~deb12u1"));
            await("a failed delivery attempt", () -> {
                try {
                    return count("SELECT coalesce(max(attempts), 0) FROM notification") >= 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            UUID id = notificationOf(ref).orElseThrow();
            first.server().close();
            servers.remove(first.server());
            assertThat(delivered(id)).isFalse();

            hook.failing = false;
            start(settings);
            await("delivery after the restart", () -> delivered(id));
            assertThat(hook.accepted).hasSize(1);
            assertThat(hook.accepted.get(0)).contains(id.toString());
            assertThat(count("SELECT count(*) FROM notification")).isEqualTo(1);
        }
    }

    @Test
    void twoNotifiersOnOneDatabaseMakeOneNotificationPerUpdate() throws Exception {
        manifests.add(digest(1), deb("libssl3", "3.0.11-1~deb12u2", "openssl"), deb("zlib1g", "1:1.2.13", "zlib"));
        Map<String, String> settings = Map.of("notifier.poll", "10ms");
        Started a = start(settings);
        Started b = start(settings);
        List<UUID> refs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refs.add(recordUpdate(publish("CVE-2024-10" + i, i % 2 == 0 ? "openssl" : "zlib",
                    i % 2 == 0 ? "3.0.13-1~deb12u1" : "1:1.3")));
        }
        // both loops run, and the test drives both at once too
        Thread t = new Thread(() -> {
            try {
                b.notifier().processPending();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        a.notifier().processPending();
        t.join();
        await("every update processed", () -> {
            try {
                return count("SELECT count(*) FROM notifier_processed") == refs.size();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(count("SELECT count(*) FROM notification")).isEqualTo(refs.size());
        for (UUID ref : refs) {
            UUID id = notificationOf(ref).orElseThrow();
            assertThat(count("SELECT count(*) FROM notification_item WHERE notification = ? AND reason = 'added'",
                    id)).as("items of %s", ref).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM notifier_snapshot WHERE manifest = ? AND summary IS NOT NULL",
                digest(1))).isEqualTo(refs.size());
        for (Started s : List.of(a, b)) {
            assertThat(s.log().toString(StandardCharsets.UTF_8)).doesNotContain("\"level\":\"error\"");
        }
    }
}
