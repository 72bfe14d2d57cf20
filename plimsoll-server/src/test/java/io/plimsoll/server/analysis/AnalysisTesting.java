package io.plimsoll.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images, feeds and servers the analysis tests share. */
final class AnalysisTesting {

    static final String CVE = "CVE-2025-31337";
    static final String MUSL_VERSION = "1.2.4_git20230717-r4";

    private AnalysisTesting() {
    }

    /** An Alpine 3.19 image with a vulnerable musl and, in {@code marker}, something to tell images apart. */
    static TestImage alpine(String marker) {
        String db = "P:musl\nV:" + MUSL_VERSION + "\nA:x86_64\nL:MIT\no:musl\n\n";
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                        .file("lib/apk/db/installed", db)
                        .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) ADD file:alpine in / ")
                .layer(TestLayer.create().file("app/config/settings.env",
                        "APP=" + marker + "\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"), Compressor.GZIP,
                        "/bin/sh -c #(nop) COPY file:settings in /app/config/ ");
    }

    /** A feed saying musl is fixed in r5 of Alpine 3.19, with a high severity. */
    static MemoryVulnStore feed() {
        RecordingSink sink = new RecordingSink();
        sink.advisory(new Advisory(CVE, "alpine", List.of(), "musl overflow", "", Optional.empty(), Optional.empty(),
                List.of("https://security.alpinelinux.org/vuln/" + CVE), "High", Severity.HIGH, List.of()));
        sink.affected(AffectedPackage.fixedIn(CVE, "alpine", "alpine:3.19", "musl", "apk", "1.2.4_git20230717-r5"));
        return new MemoryVulnStore(sink);
    }

    /** A server on {@code dbUrl} running only the analysis modules. */
    static PlimsollServer server(String dbUrl, Path dir, ByteArrayOutputStream log, Map<String, String> settings,
                                 io.plimsoll.server.ModuleFactory modules)
            throws Exception {
        Map<String, String> s = new java.util.HashMap<>(Map.of("roles", "api,indexer", "analysis.poll", "100ms",
                "analysis.lease", "2s", "analysis.workers", "2", "indexer.allow_private_addresses", "true"));
        s.putAll(settings);
        return TestServers.start(TestServers.config(dbUrl, dir, s), log, modules);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Exchange.JSON.readTree(r.body());
    }

    static JsonNode post(PlimsollServer s, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = TestServers.send("POST", s.baseUrl() + path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return json(r);
    }

    static JsonNode get(PlimsollServer s, String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = TestServers.get(s.baseUrl() + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return json(r);
    }

    /** Polls the record until its status is final (analyzed or analysis_failed). */
    static JsonNode awaitFinal(PlimsollServer s, String recordId) throws Exception {
        return io.plimsoll.image.testing.Await.value("record " + recordId + " to be analysed", () -> {
            JsonNode r;
            try {
                r = get(s, "/v1/images/" + recordId, 200).get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String status = r.path("analysis_status").asText();
            return status.equals("analyzed") || status.equals("analysis_failed") ? java.util.Optional.of(r)
                    : java.util.Optional.empty();
        });
    }

    /** The queue's rows: state, attempts, completed_by, in job order. */
    static List<List<String>> jobs(PlimsollServer s) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = s.context().database().connection();
             PreparedStatement p = c.prepareStatement("SELECT state, attempts, completed_by, last_error"
                     + " FROM analysis_job ORDER BY id");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(java.util.Arrays.asList(rs.getString(1), String.valueOf(rs.getInt(2)), rs.getString(3),
                        rs.getString(4)));
            }
        }
        return out;
    }
}
