package io.plimsoll.server.e2e;

import static io.plimsoll.server.e2e.E2eFixtures.await;
import static io.plimsoll.server.e2e.E2eFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.e2e.E2eFixtures.TrackerCve;
import io.plimsoll.server.testing.BlobServer;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.FeedLoader;
import io.plimsoll.server.vulndb.UpdaterModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Clair API bodies, byte for byte, on fixed fixtures: the index report, the vulnerability report (with its
 * enrichments), the update diff, a notification page and the affected-manifests answer. They were recorded before
 * the Clair JSON moved into one package, so the move is proven not to change a byte. Only what is inherently
 * variable is normalised: generated ids (UUIDs) and the update operations' dates.
 *
 * <p>To re-record after a deliberate change: {@code -Dclair.golden.write=true}, then review the diff.
 */
class ClairGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/clair");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DATE = Pattern.compile("\"date\":\"[0-9T:.Z-]+\"");

    static final TrackerCve OLD_OPENSSL = new TrackerCve("openssl", "CVE-2023-0001", "3.0.0-1");
    static final TrackerCve NEW_OPENSSL = new TrackerCve("openssl", "CVE-2024-0003", "3.0.11-1~deb12u2");
    static final TrackerCve BASH = new TrackerCve("bash", "CVE-2024-0004", "5.2.15-2+b3");
    static final String GHSA = "GHSA-jfh8-c2jp-5v3q";

    @TempDir
    Path dir;

    private BlobServer blobs;
    private Path feeds;
    private final Map<String, String> recorded = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        blobs = new BlobServer();
        feeds = dir.resolve("feeds");
    }

    @AfterEach
    void tearDown() {
        blobs.close();
    }

    @Test
    void clairBodiesAreByteIdenticalToTheRecordedOnes() throws Exception {
        E2eFixtures.debianFeed(feeds, OLD_OPENSSL);
        osvMaven(false);
        kevAndEpss();
        try (Webhook hook = new Webhook(0, 0);
             PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(),
                     dir.resolve("data"), Map.of("updater.from", feeds.toString(),
                             "updater.sources", "debian,osv,kev,epss", "notifier.webhook", hook.url(),
                             "notifier.poll", "50ms", "indexer.allow_private_addresses", "true")), null)) {
            String base = server.baseUrl();
            update(server);
            // the notifier must have taken the first update before the manifest exists, or (under load) it would
            // report the first update's vulnerabilities as added to it
            await("the first update to be processed", () -> allProcessed(server));
            Digest m = E2eFixtures.manifestDigest("golden:1");
            HttpResponse<String> indexed = TestServers.send("POST", base + "/indexer/api/v1/index_report",
                    E2eFixtures.manifest(m, blobs, E2eFixtures.debianLayer(blobs), javaLayer()).toString());
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
            record("index_report", indexed.body());

            // the second update adds two Debian CVEs affecting the manifest: an update diff and a notification
            E2eFixtures.debianFeed(feeds, OLD_OPENSSL, NEW_OPENSSL, BASH);
            osvMaven(true);
            update(server);
            await("the update to be processed", () -> allProcessed(server));

            HttpResponse<String> report = TestServers.get(base + "/matcher/api/v1/vulnerability_report/" + m);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
            record("vulnerability_report", report.body());

            JsonNode ops = json(TestServers.get(base + "/matcher/api/v1/internal/update_operation").body());
            for (String updater : List.of("debian", "osv")) {
                JsonNode two = ops.path(updater);
                assertThat(two).hasSize(2);
                // newest first, as Clair lists them
                HttpResponse<String> diff = TestServers.get(base + "/matcher/api/v1/internal/update_diff?prev="
                        + two.get(1).path("ref").asText() + "&cur=" + two.get(0).path("ref").asText());
                assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
                record("update_diff_" + updater, diff.body());
            }

            List<String> notifications = notificationIds(server);
            assertThat(notifications).isNotEmpty();
            // one notification per update operation; the notifier processes updaters' operations in any order
            List<String> pages = new ArrayList<>();
            for (String id : notifications) {
                HttpResponse<String> page = TestServers.get(base + "/notifier/api/v1/notification/" + id);
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                pages.add(normalise(page.body()));
            }
            pages.sort(null);
            record("notification_pages", String.join("\n", pages) + "\n");

            HttpResponse<String> affected = TestServers.send("POST",
                    base + "/indexer/api/v1/internal/affected_manifest", SUMMARIES);
            assertThat(affected.statusCode()).as(affected.body()).isEqualTo(200);
            record("affected_manifest", affected.body());
        }
        compareOrWrite();
    }

    /**
     * Summaries as the notifier sends them, and one in the shape of Clair's own example (older {@code dist} and
     * {@code repo}, members a vulnerability cannot have, a lower-case kind, a null source).
     */
    private static final String SUMMARIES = "[{\"name\":\"CVE-2024-0003\",\"fixed_in_version\":\"3.0.11-1~deb12u2\","
            + "\"severity\":\"high\",\"normalized_severity\":\"High\",\"package\":{\"name\":\"openssl\",\"version\":"
            + "\"3.0.11-1~deb12u1\"},\"arch_op\":\"equals\",\"distribution\":{\"id\":\"debian:12\",\"did\":\"debian\","
            + "\"version_id\":\"12\"}},"
            + "{\"id\":\"42\",\"name\":\"GHSA-jfh8-c2jp-5v3q\",\"description\":\"log4j\",\"links\":\"https://x.example\","
            + "\"fixed_in_version\":\"2.15.0\",\"package\":{\"name\":\"org.apache.logging.log4j:log4j-core\","
            + "\"kind\":\"binary\",\"source\":null,\"package_db\":\"x\"},\"repo\":{\"name\":\"Maven\"},\"extra\":1},"
            + "{\"name\":\"CVE-2024-0009\",\"package\":{\"name\":\"curl\"},\"dist\":{\"did\":\"debian\","
            + "\"version_id\":\"12\"}}]";

    private void record(String name, String body) {
        recorded.put(name, normalise(body));
    }

    /** UUIDs become {@code <uuid-N>} numbered by first appearance; operation dates become {@code <date>}. */
    static String normalise(String body) {
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher u = UUID.matcher(body);
        StringBuilder out = new StringBuilder();
        while (u.find()) {
            String id = ids.computeIfAbsent(u.group(), k -> "<uuid-" + (ids.size() + 1) + ">");
            u.appendReplacement(out, Matcher.quoteReplacement(id));
        }
        u.appendTail(out);
        return DATE.matcher(out).replaceAll("\"date\":\"<date>\"");
    }

    private void compareOrWrite() throws IOException {
        boolean write = Boolean.getBoolean("clair.golden.write");
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            Path file = GOLDEN.resolve(e.getKey() + ".json");
            if (write) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            } else {
                assertThat(file).as("golden file (record with -Dclair.golden.write=true)").exists();
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    private static void update(PlimsollServer s) throws InterruptedException {
        FeedLoader.Result r = ((UpdaterModule) s.module("updater").orElseThrow()).runOnce().orElseThrow();
        assertThat(r.allOk()).as(r.toString()).isTrue();
    }

    private static List<String> notificationIds(PlimsollServer s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = s.context().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM notification");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean allProcessed(PlimsollServer s) {
        try (Connection c = s.context().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM update_operation o WHERE o.kind = "
                     + "'vulnerability' AND NOT EXISTS (SELECT 1 FROM notifier_processed p WHERE p.ref = o.ref)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A layer with log4j-core 2.14.1 in a jar; every zip entry has a fixed time, so the digest is fixed. */
    private Digest javaLayer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            entry(jar, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: Apache Log4j Core\n"
                    + "Implementation-Version: 2.14.1\n\n");
            entry(jar, "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                    "groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n");
        }
        return blobs.put(Compressor.GZIP.apply(TestLayer.create()
                .file("app/lib/log4j-core-2.14.1.jar", bytes.toByteArray(), 0644).tar()));
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(1_700_000_000_000L);
        zip.putNextEntry(e);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * OSV's Maven export: Log4Shell as GitHub's advisory, scored and aliased; with {@code second}, also the
     * incomplete fix's advisory, with only a severity word.
     */
    private void osvMaven(boolean second) throws IOException {
        String record = "{\"schema_version\":\"1.4.0\",\"id\":\"" + GHSA + "\",\"modified\":\"2024-02-01T00:00:00Z\","
                + "\"published\":\"2021-12-10T00:40:56Z\",\"aliases\":[\"CVE-2021-44228\"],"
                + "\"summary\":\"Remote code injection in Log4j\",\"details\":\"Log4j2 JNDI features do not protect"
                + " against attacker controlled LDAP endpoints.\",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
                + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}],\"affected\":[{\"package\":{\"ecosystem\":"
                + "\"Maven\",\"name\":\"org.apache.logging.log4j:log4j-core\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
                + "\"events\":[{\"introduced\":\"2.0-beta9\"},{\"fixed\":\"2.15.0\"}]}]}],\"references\":[{\"type\":"
                + "\"ADVISORY\",\"url\":\"https://nvd.nist.gov/vuln/detail/CVE-2021-44228\"},{\"type\":\"WEB\","
                + "\"url\":\"https://logging.apache.org/log4j/2.x/security.html\"}],\"database_specific\":{"
                + "\"severity\":\"CRITICAL\",\"github_reviewed\":true}}";
        Path zip = feeds.resolve("osv/Maven/all.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, GHSA + ".json", record);
            if (second) {
                entry(out, "GHSA-7rjr-3q55-vv33.json", "{\"id\":\"GHSA-7rjr-3q55-vv33\",\"modified\":"
                        + "\"2024-02-02T00:00:00Z\",\"published\":\"2021-12-14T18:01:28Z\",\"aliases\":"
                        + "[\"CVE-2021-45046\"],\"summary\":\"Incomplete fix for Apache Log4j vulnerability\","
                        + "\"details\":\"\",\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":"
                        + "\"org.apache.logging.log4j:log4j-core\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                        + "[{\"introduced\":\"2.13.0\"},{\"fixed\":\"2.16.0\"}]},{\"type\":\"ECOSYSTEM\","
                        + "\"events\":[{\"introduced\":\"2.0-beta9\"},{\"fixed\":\"2.12.2\"}]}]}],"
                        + "\"database_specific\":{\"severity\":\"MODERATE\"}}");
            }
        }
    }

    private void kevAndEpss() throws IOException {
        Path kev = feeds.resolve("kev/known_exploited_vulnerabilities.json");
        Files.createDirectories(kev.getParent());
        Files.writeString(kev, "{\"title\":\"CISA Catalog of Known Exploited Vulnerabilities\",\"catalogVersion\":"
                + "\"2024.01.01\",\"dateReleased\":\"2024-01-01T00:00:00.000Z\",\"count\":1,\"vulnerabilities\":[{"
                + "\"cveID\":\"CVE-2021-44228\",\"vendorProject\":\"Apache\",\"product\":\"Log4j2\","
                + "\"vulnerabilityName\":\"Apache Log4j2 Remote Code Execution Vulnerability\",\"dateAdded\":"
                + "\"2021-12-10\",\"shortDescription\":\"x\",\"requiredAction\":\"Apply updates.\",\"dueDate\":"
                + "\"2021-12-24\",\"knownRansomwareCampaignUse\":\"Known\",\"notes\":\"\"}]}");
        Path epss = feeds.resolve("epss/epss_scores-current.csv.gz");
        Files.createDirectories(epss.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(epss))) {
            out.write(("#model_version:v2025.03.14,score_date:2025-03-20T00:00:00Z\ncve,epss,percentile\n"
                    + "CVE-2021-44228,0.94358,0.99957\nCVE-2024-0003,0.00043,0.11\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
