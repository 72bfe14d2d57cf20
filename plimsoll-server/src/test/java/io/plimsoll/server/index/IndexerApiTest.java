package io.plimsoll.server.index;

import io.plimsoll.server.testing.BlobServer;
import io.plimsoll.server.testing.ClairSchemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.net.AddressRefusedException;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexerApiTest {

    private static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";

    @TempDir
    Path dir;

    private BlobServer blobs;
    private PlimsollServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        blobs = new BlobServer();
        server = start(Map.of("indexer.allow_private_addresses", "true"));
    }

    private PlimsollServer start(Map<String, String> settings) throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.advisories.add(new Advisory("CVE-2024-1111", "debian", List.of(), "openssl: a bug", "A bug in openssl.",
                Optional.empty(), Optional.empty(), List.of("https://security-tracker.debian.org/tracker/CVE-2024-1111"),
                "high", Severity.HIGH, List.of()));
        sink.affected.add(AffectedPackage.fixedIn("CVE-2024-1111", "debian", "debian:12", "openssl", "deb",
                "3.0.11-1~deb12u2"));
        MemoryVulnStore store = new MemoryVulnStore(sink);
        PlimsollServer s = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir, settings), null,
                ctx -> List.of(new IndexerModule(ctx), new MatcherModule(ctx, store)));
        base = s.baseUrl();
        return s;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        blobs.close();
    }

    private static String dpkg(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nVersion: " + version
                + "\nArchitecture: amd64\n" + (source == null ? "" : "Source: " + source + "\n") + "\n";
    }

    /** The base layer: Debian 12 with openssl (vulnerable) and a distroless-style entry for zlib. */
    private Digest baseLayer() {
        return blobs.put(Compressor.GZIP.apply(TestLayer.create()
                .file("etc/os-release", OS_RELEASE)
                .file("var/lib/dpkg/status", dpkg("libssl3", "3.0.11-1~deb12u1", "openssl")
                        + dpkg("bash", "5.2.15-2+b2", "bash"))
                .file("var/lib/dpkg/status.d/zlib1g", dpkg("zlib1g", "1:1.2.13.dfsg-1", "zlib"))
                .tar()));
    }

    private static ObjectNode manifest(Digest hash, BlobServer blobs, Digest... layers) {
        ObjectNode m = Exchange.JSON.createObjectNode();
        m.put("hash", hash.toString());
        ArrayNode list = m.putArray("layers");
        for (Digest l : layers) {
            ObjectNode o = list.addObject();
            o.put("hash", l.toString()).put("uri", blobs.url(l));
            o.putObject("headers").putArray("X-Test").add("yes");
        }
        return m;
    }

    private static Digest manifestDigest(String name) {
        return Digest.sha256Of(name.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> index(JsonNode manifest) throws Exception {
        return TestServers.send("POST", base + "/indexer/api/v1/index_report", manifest.toString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Exchange.JSON.readTree(r.body());
    }

    private static List<String> packageNames(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("packages").forEach(p -> out.add(p.path("name").asText()));
        return out;
    }

    @Test
    void indexesOnceAndNeverFetchesAKnownLayerAgain() throws Exception {
        Digest layer = baseLayer();
        Digest app = blobs.put(Compressor.NONE.apply(TestLayer.create().file("app/run.sh", "echo hi").tar()));
        Digest m1 = manifestDigest("one");
        HttpResponse<String> first = index(manifest(m1, blobs, layer, app));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode report = json(first);
        ClairSchemas.assertValid("index_report", report);
        // the validator is not a rubber stamp
        ObjectNode broken = report.deepCopy();
        broken.put("manifest_hash", "md5:1234");
        assertThat(ClairSchemas.errors("index_report", broken)).isNotEmpty();
        assertThat(report.path("state").asText()).isEqualTo("IndexFinished");
        assertThat(packageNames(report)).containsExactlyInAnyOrder("libssl3", "bash", "zlib1g");
        assertThat(report.path("distributions").path("1").path("did").asText()).isEqualTo("debian");
        JsonNode env = report.path("environments").elements().next().get(0);
        assertThat(env.path("introduced_in").asText()).isEqualTo(layer.toString());
        assertThat(env.path("distribution_id").asText()).isEqualTo("1");
        assertThat(blobs.requests(layer)).isEqualTo(1);
        assertThat(blobs.testHeaders).containsEntry("/blobs/" + layer.hex(), "yes");
        assertThat(first.headers().firstValue("Location")).contains("/indexer/api/v1/index_report/" + m1);

        // the same manifest again: already indexed, nothing fetched
        HttpResponse<String> again = index(manifest(m1, blobs, layer, app));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(report);
        assertThat(blobs.totalRequests()).isEqualTo(2);

        // a second manifest sharing the base layer fetches only its own new layer
        Digest other = blobs.put(Compressor.GZIP.apply(TestLayer.create()
                .file("var/lib/dpkg/status", dpkg("libssl3", "3.0.11-1~deb12u1", "openssl")
                        + dpkg("bash", "5.2.15-2+b2", "bash") + dpkg("curl", "7.88.1-10+deb12u5", "curl")).tar()));
        HttpResponse<String> second = index(manifest(manifestDigest("two"), blobs, layer, other));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(packageNames(json(second))).containsExactlyInAnyOrder("libssl3", "bash", "curl", "zlib1g");
        assertThat(blobs.requests(layer)).isEqualTo(1);
        assertThat(blobs.requests(other)).isEqualTo(1);

        HttpResponse<String> got = TestServers.get(base + "/indexer/api/v1/index_report/" + m1);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(json(got)).isEqualTo(report);
    }

    @Test
    void aPackageDeletedByALaterLayerIsAbsentEvenWhenTheBaseLayerIsReplayed() throws Exception {
        Digest layer = baseLayer();
        assertThat(index(manifest(manifestDigest("base"), blobs, layer)).statusCode()).isEqualTo(201);
        Digest deleting = blobs.put(Compressor.GZIP.apply(TestLayer.create()
                .whiteout("var/lib/dpkg/status.d/zlib1g").file("etc/motd", "hi").tar()));
        HttpResponse<String> r = index(manifest(manifestDigest("slim"), blobs, layer, deleting));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(packageNames(json(r))).containsExactlyInAnyOrder("libssl3", "bash");
        assertThat(blobs.requests(layer)).isEqualTo(1); // the base layer was replayed from the index
    }

    @Test
    void aNewDigestOverTheSameLayersCopiesTheInventoryButTheLayerOrderStillCounts() throws Exception {
        Digest layer = baseLayer();
        Digest deleting = blobs.put(Compressor.GZIP.apply(TestLayer.create()
                .whiteout("var/lib/dpkg/status.d/zlib1g").file("etc/motd", "hi").tar()));
        JsonNode first = json(index(manifest(manifestDigest("tag-a"), blobs, layer, deleting)));
        assertThat(packageNames(first)).containsExactlyInAnyOrder("libssl3", "bash");

        Digest twin = manifestDigest("tag-b");
        HttpResponse<String> r = index(manifest(twin, blobs, layer, deleting));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode copy = json(r);
        ClairSchemas.assertValid("index_report", copy);
        assertThat(copy.path("manifest_hash").asText()).isEqualTo(twin.toString());
        ObjectNode expected = first.deepCopy();
        expected.put("manifest_hash", twin.toString());
        assertThat(copy).isEqualTo(expected);
        assertThat(json(TestServers.get(base + "/indexer/api/v1/index_report/" + twin))).isEqualTo(copy);
        // its lookup rows were copied too: the notifier's search finds both manifests
        HttpResponse<String> affected = TestServers.send("POST", base + "/indexer/api/v1/internal/affected_manifest",
                "[{\"name\":\"CVE-2024-1111\",\"normalized_severity\":\"High\",\"fixed_in_version\":\"3.0.11-1~deb12u2\","
                        + "\"package\":{\"name\":\"openssl\",\"version\":\"\"},\"arch_op\":\"equals\","
                        + "\"distribution\":{\"id\":\"1\",\"did\":\"debian\",\"version_id\":\"12\"}}]");
        assertThat(json(affected).path("vulnerable_manifests").path("CVE-2024-1111")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(manifestDigest("tag-a").toString(), twin.toString());
        HttpResponse<String> vr = TestServers.get(base + "/matcher/api/v1/vulnerability_report/" + twin);
        assertThat(json(vr).path("vulnerabilities")).hasSize(1);

        // the same layers in another order are another image: the whiteout comes first and deletes nothing
        HttpResponse<String> swapped = index(manifest(manifestDigest("swapped"), blobs, deleting, layer));
        assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(201);
        assertThat(packageNames(json(swapped))).containsExactlyInAnyOrder("libssl3", "bash", "zlib1g");
        assertThat(blobs.requests(layer)).isEqualTo(1);
        assertThat(blobs.requests(deleting)).isEqualTo(1);
    }

    @Test
    void theImageLimitsOfTheSettingsBoundWhatAnIndexRequestReads() throws Exception {
        server.close();
        server = start(Map.of("indexer.allow_private_addresses", "true", "image.max_file_size", "100B"));
        // the base layer's dpkg status is over 100 bytes: refused by the setting, not by the 64 GiB default
        HttpResponse<String> r = index(manifest(manifestDigest("small-limit"), blobs, baseLayer()));
        JsonNode report = json(r);
        assertThat(report.path("state").asText()).as(r.body()).isEqualTo("IndexError");
        assertThat(report.path("err").asText()).contains("over the 100 B limit per file");
    }

    @Test
    void brokenLayersGiveAnIndexErrorNamingTheLayerAndTheServerKeepsServing() throws Exception {
        Digest good = baseLayer();
        // 404
        Digest missing = Digest.sha256Of("not served".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r404 = index(manifest(manifestDigest("m404"), blobs, good, missing));
        assertThat(r404.statusCode()).isEqualTo(502);
        JsonNode e404 = json(r404);
        ClairSchemas.assertValid("index_report", e404);
        assertThat(e404.path("state").asText()).isEqualTo("IndexError");
        assertThat(e404.path("success").asBoolean()).isFalse();
        assertThat(e404.path("err").asText()).contains(missing.toString()).contains("404");

        // digest mismatch: the URI serves other bytes
        Digest claimed = Digest.sha256Of("what the manifest says".getBytes(StandardCharsets.UTF_8));
        blobs.putAt("/blobs/" + claimed.hex(), "something else".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> mismatch = index(manifest(manifestDigest("mismatch"), blobs, claimed));
        assertThat(mismatch.statusCode()).isEqualTo(502);
        assertThat(json(mismatch).path("err").asText()).contains(claimed.toString()).contains("digest mismatch");

        // garbage whose digest is right: not a layer
        Digest garbage = blobs.put("this is not a tar archive at all, just words".repeat(20).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bad = index(manifest(manifestDigest("garbage"), blobs, good, garbage));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(json(bad).path("err").asText()).contains(garbage.shortHex());

        // the failure is what GET answers, and a good manifest still indexes
        HttpResponse<String> stored = TestServers.get(base + "/indexer/api/v1/index_report/" + manifestDigest("m404"));
        assertThat(json(stored).path("state").asText()).isEqualTo("IndexError");
        assertThat(index(manifest(manifestDigest("fine"), blobs, good)).statusCode()).isEqualTo(201);
        // the failed manifest is retried on the next request once its layer is there
        assertThat(TestServers.get(base + "/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aNewIndexStateReindexesAndFetchesAgain() throws Exception {
        String db = TestPostgres.newDatabaseUrl();
        Digest layer = baseLayer();
        Digest m = manifestDigest("state");
        java.util.function.Supplier<List<io.plimsoll.catalog.Cataloger>> dpkgOnly =
                () -> List.of(new io.plimsoll.ecosystem.debian.DpkgCataloger());
        String first;
        try (PlimsollServer s = TestServers.start(TestServers.config(db, dir, Map.of("indexer.allow_private_addresses", "true")),
                null, ctx -> List.of(new IndexerModule(ctx, io.plimsoll.ecosystem.Ecosystems::distroProbe, dpkgOnly)))) {
            first = json(TestServers.get(s.baseUrl() + "/indexer/api/v1/index_state")).path("state").asText();
            assertThat(TestServers.send("POST", s.baseUrl() + "/indexer/api/v1/index_report",
                    manifest(m, blobs, layer).toString()).statusCode()).isEqualTo(201);
            assertThat(TestServers.send("POST", s.baseUrl() + "/indexer/api/v1/index_report",
                    manifest(m, blobs, layer).toString()).statusCode()).isEqualTo(200);
        }
        assertThat(blobs.requests(layer)).isEqualTo(1);
        try (PlimsollServer s = TestServers.start(TestServers.config(db, dir, Map.of("indexer.allow_private_addresses", "true")),
                null, ctx -> List.of(new IndexerModule(ctx)))) {
            String second = json(TestServers.get(s.baseUrl() + "/indexer/api/v1/index_state")).path("state").asText();
            assertThat(second).isNotEqualTo(first);
            HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + "/indexer/api/v1/index_report",
                    manifest(m, blobs, layer).toString());
            assertThat(r.statusCode()).isEqualTo(201);
        }
        assertThat(blobs.requests(layer)).isEqualTo(2);
    }

    @Test
    void aDamagedLayerIndexRowIsFetchedAgainAndReplaced() throws Exception {
        Digest layer = baseLayer();
        assertThat(index(manifest(manifestDigest("d1"), blobs, layer)).statusCode()).isEqualTo(201);
        try (var c = server.context().database().connection();
             var st = c.prepareStatement("UPDATE layer_index SET data = ? WHERE digest = ?")) {
            st.setBytes(1, "garbage".getBytes(StandardCharsets.UTF_8));
            st.setString(2, layer.toString());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        // each manifest adds a layer of its own: over d1's layers alone, d1's inventory would be copied instead
        Digest app2 = blobs.put(Compressor.NONE.apply(TestLayer.create().file("app/two", "2").tar()));
        HttpResponse<String> r = index(manifest(manifestDigest("d2"), blobs, layer, app2));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(packageNames(json(r))).contains("libssl3");
        assertThat(blobs.requests(layer)).isEqualTo(2);
        Digest app3 = blobs.put(Compressor.NONE.apply(TestLayer.create().file("app/three", "3").tar()));
        assertThat(index(manifest(manifestDigest("d3"), blobs, layer, app3)).statusCode()).isEqualTo(201);
        assertThat(blobs.requests(layer)).isEqualTo(2); // the row was rewritten
    }

    @Test
    void unknownAndMalformedDigestsGetClairErrors() throws Exception {
        HttpResponse<String> unknown = TestServers.get(base + "/indexer/api/v1/index_report/" + manifestDigest("nope"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        ClairSchemas.assertValid("error", json(unknown));
        assertThat(json(unknown).path("code").asText()).isEqualTo("not-found");
        HttpResponse<String> malformed = TestServers.get(base + "/indexer/api/v1/index_report/sha256:xyz");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("message").asText()).contains("sha256:xyz");
        HttpResponse<String> vr = TestServers.get(base + "/matcher/api/v1/vulnerability_report/" + manifestDigest("nope"));
        assertThat(vr.statusCode()).isEqualTo(404);
        assertThat(index(Exchange.JSON.readTree("{\"hash\":\"sha256:1\"}")).statusCode()).isEqualTo(400);
        assertThat(TestServers.send("POST", base + "/indexer/api/v1/index_report", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void indexStateHasAnEtagAndDeletesRemoveReports() throws Exception {
        HttpResponse<String> state = TestServers.get(base + "/indexer/api/v1/index_state");
        assertThat(state.statusCode()).isEqualTo(200);
        ClairSchemas.assertValid("index_state", json(state));
        String etag = state.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).contains(json(state).path("state").asText());
        assertThat(TestServers.get(base + "/indexer/api/v1/index_state", "If-None-Match", etag).statusCode()).isEqualTo(304);

        Digest layer = baseLayer();
        Digest a = manifestDigest("a");
        Digest b = manifestDigest("b");
        assertThat(index(manifest(a, blobs, layer)).statusCode()).isEqualTo(201);
        assertThat(index(manifest(b, blobs, layer)).statusCode()).isEqualTo(201);
        assertThat(TestServers.send("DELETE", base + "/indexer/api/v1/index_report/" + a, null).statusCode()).isEqualTo(204);
        assertThat(TestServers.get(base + "/indexer/api/v1/index_report/" + a).statusCode()).isEqualTo(404);
        HttpResponse<String> bulk = TestServers.send("DELETE", base + "/indexer/api/v1/index_report",
                "[\"" + b + "\", \"" + a + "\"]");
        assertThat(bulk.statusCode()).isEqualTo(200);
        ClairSchemas.assertValid("bulk_delete", json(bulk));
        assertThat(json(bulk)).hasSize(1);
        assertThat(json(bulk).get(0).asText()).isEqualTo(b.toString());
        // re-indexing a deleted manifest needs no fetch: its layer is still in the layer index
        assertThat(index(manifest(a, blobs, layer)).statusCode()).isEqualTo(201);
        assertThat(blobs.requests(layer)).isEqualTo(1);
    }

    @Test
    void theVulnerabilityReportNamesTheAdvisoryOfAVulnerableDpkgPackage() throws Exception {
        Digest m = manifestDigest("vuln");
        assertThat(index(manifest(m, blobs, baseLayer())).statusCode()).isEqualTo(201);
        HttpResponse<String> r = TestServers.get(base + "/matcher/api/v1/vulnerability_report/" + m);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode report = json(r);
        ClairSchemas.assertValid("vulnerability_report", report);
        assertThat(report.path("vulnerabilities")).hasSize(1);
        JsonNode v = report.path("vulnerabilities").elements().next();
        assertThat(v.path("name").asText()).isEqualTo("CVE-2024-1111");
        assertThat(v.path("normalized_severity").asText()).isEqualTo("High");
        assertThat(v.path("fixed_in_version").asText()).isEqualTo("3.0.11-1~deb12u2");
        String libssl = null;
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) report.path("packages")::fields) {
            if (e.getValue().path("name").asText().equals("libssl3")) {
                libssl = e.getKey();
            }
        }
        assertThat(report.path("package_vulnerabilities").path(libssl).get(0).asText()).isEqualTo(v.path("id").asText());
        assertThat(report.path("package_vulnerabilities").size()).isEqualTo(1);

        // the notifier's lookup finds the manifest by the advisory's package
        HttpResponse<String> affected = TestServers.send("POST", base + "/indexer/api/v1/internal/affected_manifest",
                "[{\"name\":\"CVE-2024-1111\",\"normalized_severity\":\"High\",\"fixed_in_version\":\"3.0.11-1~deb12u2\","
                        + "\"package\":{\"name\":\"openssl\",\"version\":\"\"},\"arch_op\":\"equals\","
                        + "\"distribution\":{\"id\":\"1\",\"did\":\"debian\",\"version_id\":\"12\"}}]");
        assertThat(affected.statusCode()).as(affected.body()).isEqualTo(200);
        ClairSchemas.assertValid("affected_manifests", json(affected));
        assertThat(json(affected).path("vulnerable_manifests").path("CVE-2024-1111").get(0).asText()).isEqualTo(m.toString());
        HttpResponse<String> fixedAlready = TestServers.send("POST", base + "/indexer/api/v1/internal/affected_manifest",
                "[{\"name\":\"CVE-old\",\"normalized_severity\":\"Low\",\"fixed_in_version\":\"1.0\","
                        + "\"package\":{\"name\":\"openssl\",\"version\":\"\"},\"arch_op\":\"equals\"}]");
        assertThat(json(fixedAlready).path("vulnerable_manifests").path("CVE-old")).isEmpty();
    }

    @Test
    void layerUrisOnPrivateAddressesAreRefusedUnlessAllowed() throws Exception {
        server.close();
        server = start(Map.of());
        Digest layer = baseLayer();
        HttpResponse<String> r = index(manifest(manifestDigest("ssrf"), blobs, layer));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("message").asText()).contains(blobs.url(layer)).contains("127.0.0.1");
        assertThat(blobs.totalRequests()).isZero();
        ObjectNode m = manifest(manifestDigest("ssrf2"), blobs, layer);
        ((ObjectNode) m.path("layers").get(0)).put("uri", "http://169.254.169.254/latest/meta-data");
        assertThat(index(m).statusCode()).isEqualTo(400);
        ((ObjectNode) m.path("layers").get(0)).put("uri", "file:///etc/passwd");
        assertThat(index(m).statusCode()).isEqualTo(400);
        assertThat(TestServers.get(base + "/indexer/api/v1/index_report/" + manifestDigest("ssrf")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theGuardChecksEveryRedirectHopAndHeadersStayWithTheLayersHost() throws Exception {
        // every address but port 1's is allowed, so the first hop passes and the redirect's target does not
        AddressGuard notPortOne = new AddressGuard(true) {
            @Override
            public void check(URI uri, InetAddress address) throws AddressRefusedException {
                if (uri.getPort() == 1) {
                    throw new AddressRefusedException(uri + " refused");
                }
            }
        };
        blobs.redirect("/hop", "http://127.0.0.1:1/blob");
        try (LayerFetcher f = new LayerFetcher(notPortOne, Duration.ofSeconds(5), 1 << 20)) {
            assertThatThrownBy(() -> f.fetch(manifestDigest("x"), URI.create(blobs.url("/hop")), Map.of(),
                    dir.resolve("blob")))
                    .isInstanceOf(AddressRefusedException.class).hasMessageContaining("127.0.0.1:1/blob");
        }
        assertThat(blobs.requests("/hop")).isEqualTo(1);

        // a redirect to another host (localhost is not 127.0.0.1 by name) gets none of the request's headers
        byte[] content = "cross-host layer".getBytes(StandardCharsets.UTF_8);
        Digest d = blobs.put(content);
        String port = URI.create(blobs.url("/")).getPort() + "";
        blobs.redirect("/cross", "http://localhost:" + port + "/blobs/" + d.hex());
        blobs.redirect("/same", "/blobs/" + d.hex());
        try (LayerFetcher f = new LayerFetcher(new AddressGuard(true), Duration.ofSeconds(5), 1 << 20)) {
            f.fetch(d, URI.create(blobs.url("/cross")), Map.of("X-Test", List.of("secret")), dir.resolve("c"));
            assertThat(blobs.testHeaders).containsEntry("/cross", "secret").doesNotContainKey("/blobs/" + d.hex());
            f.fetch(d, URI.create(blobs.url("/same")), Map.of("X-Test", List.of("secret")), dir.resolve("s"));
            assertThat(blobs.testHeaders).containsEntry("/blobs/" + d.hex(), "secret");
        }
        assertThat(Files.readAllBytes(dir.resolve("c"))).isEqualTo(content);
    }

    @Test
    void aLayerOverTheSizeCapIsCutWithOrWithoutAContentLength() throws Exception {
        byte[] big = new byte[200_000];
        Digest d = Digest.sha256Of(big);
        blobs.putAt("/sized", big);
        blobs.putChunked("/chunked", big);
        try (LayerFetcher f = new LayerFetcher(new AddressGuard(true), Duration.ofSeconds(5), 100_000)) {
            for (String path : List.of("/sized", "/chunked")) {
                assertThatThrownBy(() -> f.fetch(d, URI.create(blobs.url(path)), Map.of(), dir.resolve("big")))
                        .as(path).isInstanceOf(LayerFetcher.FetchException.class)
                        .hasMessageContaining("100000-byte layer limit");
            }
        }
        // under the cap, chunked arrives whole
        try (LayerFetcher f = new LayerFetcher(new AddressGuard(true), Duration.ofSeconds(5), 200_000)) {
            f.fetch(d, URI.create(blobs.url("/chunked")), Map.of(), dir.resolve("whole"));
        }
        assertThat(Files.size(dir.resolve("whole"))).isEqualTo(200_000);
    }
}
