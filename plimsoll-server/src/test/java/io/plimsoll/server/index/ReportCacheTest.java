package io.plimsoll.server.index;

import io.plimsoll.server.testing.BlobServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestPostgres;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.server.vulndb.GeneratedVulnData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production wiring's report cache: served while valid, rebuilt when the data or the manifest changes. */
class ReportCacheTest {

    private static final String OS_RELEASE = "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";

    @TempDir
    Path dir;

    @Test
    void aCachedReportIsReplacedWhenTheFeedsOrTheManifestChange() throws Exception {
        try (BlobServer blobs = new BlobServer();
             PlimsollServer server = TestServers.start(TestServers.config(TestPostgres.newDatabaseUrl(), dir,
                     Map.of("indexer.allow_private_addresses", "true")), null)) {
            var ds = server.context().database().dataSource();
            // rows i: pkg(i % 2); every fourth unfixed, the rest fixed in 1.(i%7)-(i%3), all above 1.0-0 but i=0
            GeneratedVulnData.insertAffected(ds, "debian", "debian:12", 8, 2);
            Digest layer = blobs.put(Compressor.GZIP.apply(TestLayer.create()
                    .file("etc/os-release", OS_RELEASE)
                    .file("var/lib/dpkg/status", "Package: libpkg0\nStatus: install ok installed\n"
                            + "Version: 1.0-0\nArchitecture: amd64\nSource: pkg0\n\n").tar()));
            Digest m = Digest.sha256Of("cached".getBytes(StandardCharsets.UTF_8));
            String manifest = "{\"hash\":\"" + m + "\",\"layers\":[{\"hash\":\"" + layer + "\",\"uri\":\""
                    + blobs.url(layer) + "\"}]}";
            String base = server.baseUrl();
            assertThat(TestServers.send("POST", base + "/indexer/api/v1/index_report", manifest).statusCode())
                    .isEqualTo(201);
            String url = base + "/matcher/api/v1/vulnerability_report/" + m;

            JsonNode first = report(url);
            assertThat(names(first)).isEqualTo(4); // rows 0, 2, 4, 6 of pkg0
            assertThat(report(url)).isEqualTo(first);

            // a committed feed update (a new data version): the report is built again from the new rows
            GeneratedVulnData.insertAffected(ds, "debian", "debian:12", 16, 2);
            assertThat(names(report(url))).isEqualTo(8);

            // the manifest's row changed (as a re-index would): the package is now at a version nothing affects
            // but the unfixed rows
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE manifest SET inventory = replace(inventory::text, '1.0-0',"
                        + " '99.0-0')::jsonb WHERE digest = '" + m + "'")).isEqualTo(1);
            }
            assertThat(names(report(url))).isEqualTo(4); // rows 0, 4, 8, 12 of pkg0

            // deleted: not found, not the cached report
            assertThat(TestServers.send("DELETE", base + "/indexer/api/v1/index_report/" + m, null).statusCode())
                    .isEqualTo(204);
            assertThat(TestServers.get(url).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theLeastRecentlyUsedReportsLeaveWhenTheByteBoundIsPassed() {
        ReportCache cache = new ReportCache(null, 10);
        cache.put("a", "t", new byte[4]);
        cache.put("b", "t", new byte[4]);
        assertThat(cache.get("a", "t")).isPresent(); // a is now the most recently used
        cache.put("c", "t", new byte[4]);
        assertThat(cache.get("b", "t")).isEmpty();
        assertThat(cache.get("a", "t")).isPresent();
        assertThat(cache.get("c", "t")).isPresent();
        assertThat(cache.get("c", "other token")).isEmpty();
        cache.put("big", "t", new byte[11]); // larger than the bound: not kept, nothing evicted for it
        assertThat(cache.get("big", "t")).isEmpty();
        assertThat(cache.get("a", "t")).isPresent();
    }

    private static JsonNode report(String url) throws Exception {
        HttpResponse<String> r = TestServers.get(url);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Exchange.JSON.readTree(r.body());
    }

    /** How many advisories the report names. */
    private static int names(JsonNode report) {
        return report.path("vulnerabilities").size();
    }
}
