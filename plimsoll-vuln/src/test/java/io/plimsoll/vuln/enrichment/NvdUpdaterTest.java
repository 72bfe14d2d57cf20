package io.plimsoll.vuln.enrichment;

import io.plimsoll.vuln.testing.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.FeedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvdUpdaterTest {

    private static final String NVD = "feeds/vuln-list-update/nvd/testdata/";
    private static final String API = "/rest/json/cves/2.0";
    private static final Instant NOW = Instant.parse("2023-11-28T00:00:00Z");

    @TempDir
    Path tmp;

    private final List<Duration> sleeps = new ArrayList<>();

    private NvdUpdater updater(Optional<String> key) {
        return new NvdUpdater(key, sleeps::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Path fixture(String name) {
        return SharedCorpus.require(NVD + "fixtures/" + name);
    }

    @Test
    void pagesThroughTheApiAndMatchesTheGoldens() throws Exception {
        Path page1 = fixture("respPage1.json");
        Path page2 = fixture("respPage2.json");
        try (FeedServer server = new FeedServer()) {
            // respPage1 holds 2 of totalResults 3, so the next request must start at 2
            server.route(API, q -> switch (param(q, "startIndex")) {
                case "0" -> page1;
                case "2" -> page2;
                default -> null;
            });
            RecordingSink sink = new RecordingSink();
            updater(Optional.empty()).update(fetcher(server), sink);

            assertThat(server.requests).containsExactly(
                    API + "?startIndex=0&resultsPerPage=2000",
                    API + "?startIndex=2&resultsPerPage=2000");
            // no key: 5 requests per 30 s, one pause between the two pages
            assertThat(sleeps).containsExactly(Duration.ofSeconds(6));
            assertThat(server.requestHeaders).allSatisfy(h -> assertThat(header(h, "apiKey")).isEmpty());
            assertThat(sink.advisories).extracting(Advisory::id)
                    .containsExactly("CVE-2020-8167", "CVE-2021-22903", "CVE-2024-5732");
            for (String id : List.of("CVE-2020-8167", "CVE-2021-22903", "CVE-2024-5732")) {
                assertMatchesGolden(sink, id);
            }
            assertThat(sink.state).containsEntry(NvdUpdater.CURSOR, NOW.toString());
            assertThat(sink.keepPreviousCalls).isZero();
        }
    }

    @Test
    void sendsTheApiKeyAndPausesLessWithIt() throws Exception {
        Path page1 = fixture("respPage1.json");
        Path page2 = fixture("respPage2.json");
        try (FeedServer server = new FeedServer()) {
            server.route(API, q -> "0".equals(param(q, "startIndex")) ? page1 : page2);
            updater(Optional.of(" secret-key ")).update(fetcher(server), new RecordingSink());

            assertThat(server.requestHeaders).hasSize(2)
                    .allSatisfy(h -> assertThat(header(h, "apiKey")).contains("secret-key"));
            assertThat(sleeps).containsExactly(Duration.ofMillis(600));
        }
    }

    @Test
    void severityPrefersNvdsPrimaryV31OverACnaV40() throws Exception {
        RecordingSink sink = local(fixture("respPage2.json"));
        Advisory a = sink.advisory("CVE-2024-5732").orElseThrow();
        // v4.0 6.9 MEDIUM from cna@vuldb.com (Secondary) is listed first, NVD's own v3.1 9.8 rates it
        assertThat(a.cvss().get(0)).isEqualTo(new Cvss("4.0", a.cvss().get(0).vector(), 6.9, "cna@vuldb.com"));
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.sourceSeverity()).isEqualTo("CRITICAL");
        assertThat(a.source()).isEqualTo("nvd");
    }

    @Test
    void incrementalRunAsksOnlyForChangesInWindowsOfAtMost120Days() throws Exception {
        Path empty = fixture("emptyResp.json");
        try (FeedServer server = new FeedServer()) {
            server.route(API, q -> empty);
            RecordingSink sink = new RecordingSink(Map.of(NvdUpdater.CURSOR, "2023-06-01T00:00:00Z"), true);
            updater(Optional.empty()).update(fetcher(server), sink);

            // from the cursor less an hour's overlap, 120 days, then the rest up to now
            assertThat(server.requests).containsExactly(
                    API + "?lastModStartDate=2023-05-31T23:00:00.000%2B00:00&lastModEndDate=2023-09-28T23:00:00.000%2B00:00&startIndex=0&resultsPerPage=2000",
                    API + "?lastModStartDate=2023-09-28T23:00:00.000%2B00:00&lastModEndDate=2023-11-28T00:00:00.000%2B00:00&startIndex=0&resultsPerPage=2000");
            assertThat(sink.keepPreviousCalls).isEqualTo(1);
            assertThat(sink.state).containsEntry(NvdUpdater.CURSOR, NOW.toString());
            assertThat(sink.advisories).isEmpty();
        }
    }

    @Test
    void fullRunWhenThePreviousDataCannotBeKept() throws Exception {
        Path empty = fixture("emptyResp.json");
        try (FeedServer server = new FeedServer()) {
            server.route(API, q -> empty);
            RecordingSink sink = new RecordingSink(Map.of(NvdUpdater.CURSOR, "2023-06-01T00:00:00Z"), false);
            updater(Optional.empty()).update(fetcher(server), sink);

            assertThat(server.requests).containsExactly(API + "?startIndex=0&resultsPerPage=2000");
            assertThat(sleeps).isEmpty();
            assertThat(sink.state).containsEntry(NvdUpdater.CURSOR, NOW.toString());
        }
    }

    @Test
    void anEmptyPageBeforeTotalResultsFailsInsteadOfLoopingOrLosingCves() throws Exception {
        Path short1 = write("short.json", "{\"resultsPerPage\": 0, \"startIndex\": 0, \"totalResults\": 5, \"vulnerabilities\": []}");
        try (FeedServer server = new FeedServer()) {
            server.route(API, q -> short1);
            RecordingSink sink = new RecordingSink();
            assertThatThrownBy(() -> updater(Optional.empty()).update(fetcher(server), sink))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining("startIndex=0")
                    .hasMessageContaining("totalResults says 5");
            assertThat(sink.state).doesNotContainKey(NvdUpdater.CURSOR);
        }
    }

    @Test
    void anHtmlPageFromTheApiFailsNamingTheResponseFile() throws Exception {
        try (FeedServer server = new FeedServer()) {
            server.fault(API, n -> FeedServer.Fault.html());
            assertThatThrownBy(() -> updater(Optional.empty()).update(fetcher(server), new RecordingSink()))
                    .isInstanceOf(FeedException.class)
                    .hasMessageContaining(tmp.toString())
                    .hasMessageContaining("an HTML page");
        }
    }

    @Test
    void localModeReadsApiPagesPlainAndGzippedAndRecordsTheOldestFileAsCursor() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nvd"));
        Files.copy(fixture("respPage1.json"), dir.resolve("page-1.json"));
        gzip(Files.readAllBytes(fixture("respPage2.json")), dir.resolve("page-2.json.gz"));
        Files.writeString(dir.resolve("README.txt"), "not a feed file");
        RecordingSink sink = new RecordingSink(Map.of(), true);
        updater(Optional.empty()).update(new LocalFeedFetcher("nvd", dir), sink);

        assertThat(sink.advisories).extracting(Advisory::id)
                .containsExactly("CVE-2020-8167", "CVE-2021-22903", "CVE-2024-5732");
        assertMatchesGolden(sink, "CVE-2024-5732");
        // both pages say timestamp 2023-11-27T04:36:56.737 (UTC, no zone written)
        assertThat(sink.state).containsEntry(NvdUpdater.CURSOR, "2023-11-27T04:36:56.737Z");
        assertThat(sink.keepPreviousCalls).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void localModeReadsAnNvd20FeedFileAndSkipsRejectedCves() throws Exception {
        Path feed = SharedCorpus.require("corpus/claircore/enricher/cvss/testdata/feed.json");
        RecordingSink sink = local(feed);

        // CVE-2016-3197 is "Rejected": no advisory and no CVSS
        assertThat(sink.advisories).extracting(Advisory::id).containsExactly("CVE-2016-2781", "CVE-2016-3674");
        assertThat(sink.cvss).containsOnlyKeys("CVE-2016-2781", "CVE-2016-3674");
        assertThat(sink.allProgress()).contains("skipped 1 rejected CVEs");

        Advisory coreutils = sink.advisory("CVE-2016-2781").orElseThrow();
        assertThat(coreutils.description()).startsWith("chroot in GNU coreutils, when used with --userspec");
        assertThat(coreutils.published()).contains(Instant.parse("2017-02-07T15:59:00.333Z"));
        assertThat(coreutils.modified()).contains(Instant.parse("2025-06-09T16:15:25.013Z"));
        // six references, each URL listed twice (by MITRE and by the CVE Program's CNA id): kept once
        assertThat(coreutils.references()).containsExactly(
                "http://www.openwall.com/lists/oss-security/2016/02/28/2",
                "http://www.openwall.com/lists/oss-security/2016/02/28/3",
                "https://lists.apache.org/thread.html/rf9fa47ab66495c78bb4120b0754dd9531ca2ff0430f6685ac9b07772%40%3Cdev.mina.apache.org%3E");
        // a CNA's v3.1 (Secondary) is listed, but the severity comes from NVD's own (Primary) v3.0
        assertThat(coreutils.cvss()).containsExactly(
                new Cvss("3.1", "CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 4.6, "134c704f-9b21-4f2e-91b3-4a467353bcc0"),
                new Cvss("3.0", "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N", 6.5, "nvd@nist.gov"),
                new Cvss("2.0", "AV:L/AC:L/Au:N/C:N/I:P/A:N", 2.1, "nvd@nist.gov"));
        assertThat(sink.cvss.get("CVE-2016-2781")).isEqualTo(coreutils.cvss());
        assertThat(coreutils.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(sink.advisory("CVE-2016-3674").orElseThrow().severity()).isEqualTo(Severity.HIGH);
        // no timestamp would be read as the newest change; this file has one
        assertThat(sink.state).containsEntry(NvdUpdater.CURSOR, "2025-08-07T03:01:40.660439Z");
    }

    @Test
    void nvdsOwnRatingWinsOverACnaRatingOfANewerCvssVersion() throws Exception {
        RecordingSink sink = local(write("p.json", """
                {"totalResults": 1, "vulnerabilities": [{"cve": {"id": "CVE-2025-0002", "vulnStatus": "Analyzed",
                  "metrics": {
                    "cvssMetricV31": [{"source": "cna@example.org", "type": "Secondary",
                      "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL"}}],
                    "cvssMetricV30": [{"source": "nvd@nist.gov", "type": "Primary",
                      "cvssData": {"version": "3.0", "vectorString": "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N", "baseScore": 4.4, "baseSeverity": "MEDIUM"}}]}}}]}
                """));
        Advisory a = sink.advisory("CVE-2025-0002").orElseThrow();
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.cvss()).extracting(Cvss::source).containsExactly("cna@example.org", "nvd@nist.gov");
    }

    @Test
    void cnaSeverityWhenNvdHasNotAnalysedTheCveYet() throws Exception {
        RecordingSink sink = local(write("p.json", """
                {"totalResults": 1, "vulnerabilities": [{"cve": {"id": "CVE-2025-0001", "vulnStatus": "Awaiting Analysis",
                  "descriptions": [{"lang": "es", "value": "uno"}, {"lang": "en", "value": "one"}],
                  "metrics": {"cvssMetricV2": [{"source": "cna@example.org", "type": "Secondary",
                      "cvssData": {"version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C", "baseScore": 10.0}}]}}}]}
                """));
        Advisory a = sink.advisory("CVE-2025-0001").orElseThrow();
        assertThat(a.description()).isEqualTo("one");
        // v2 has no "critical": a 10.0 without a stated severity is HIGH
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.references()).isEmpty();
    }

    @Test
    void emptyApiResponseIsValidAndWritesNothing() throws Exception {
        RecordingSink sink = local(fixture("emptyResp.json"));
        assertThat(sink.advisories).isEmpty();
        assertThat(sink.cvss).isEmpty();
    }

    @Test
    void badFilesFailNamingTheFile() throws Exception {
        String page = Files.readString(fixture("respPage1.json"));
        assertLocalFails(write("cut.json", page.substring(0, page.length() / 2)), "truncated JSON");
        assertLocalFails(write("page.json", "<html><body>Request forbidden by administrative rules.</body></html>"), "an HTML page");
        assertLocalFails(write("page.json", ""), "the file is empty");
        assertLocalFails(write("page.json", "{\"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-1\"}} {]}"), "invalid JSON");
        // vuln-list-update's cursor file is JSON but no NVD document
        assertLocalFails(fixture("last_updated.json"), "not an NVD CVE API response");
        assertLocalFails(write("old.json", "{\"CVE_data_type\": \"CVE\", \"CVE_Items\": []}"), "retired NVD 1.1 JSON feed");
        Path gz = tmp.resolve("gz/nvdcve-2.0-2021.json.gz");
        Files.createDirectories(gz.getParent());
        gzip(page.getBytes(), gz);
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length - 200));
        assertLocalFails(gz, "truncated");
        Path none = Files.createDirectories(tmp.resolve("none"));
        assertThatThrownBy(() -> updater(Optional.empty()).update(new LocalFeedFetcher("nvd", none), new RecordingSink()))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("no *.json or *.json.gz files");
    }

    private void assertLocalFails(Path file, String reason) {
        assertThatThrownBy(() -> local(file))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining(reason);
    }

    /** Compares what was written for {@code id} with vuln-list-update's golden copy of the CVE object. */
    private static void assertMatchesGolden(RecordingSink sink, String id) throws IOException {
        Path golden = SharedCorpus.require(NVD + "golden/api/" + id.split("-")[1] + "/" + id + ".json");
        JsonNode want = FeedFiles.JSON.readTree(golden.toFile());
        Advisory got = sink.advisory(id).orElseThrow();
        String en = null;
        for (JsonNode d : want.get("descriptions")) {
            if (d.get("lang").asText().equals("en")) {
                en = d.get("value").asText();
            }
        }
        assertThat(got.description()).isEqualTo(en);
        assertThat(got.published()).contains(LocalDateTime.parse(want.get("published").asText()).toInstant(ZoneOffset.UTC));
        assertThat(got.modified()).contains(LocalDateTime.parse(want.get("lastModified").asText()).toInstant(ZoneOffset.UTC));
        List<String> refs = new ArrayList<>();
        want.get("references").forEach(r -> refs.add(r.get("url").asText()));
        assertThat(got.references()).containsExactlyElementsOf(refs.stream().distinct().toList());
        List<Cvss> metrics = new ArrayList<>();
        want.get("metrics").fields().forEachRemaining(e -> e.getValue().forEach(m -> metrics.add(new Cvss(
                m.at("/cvssData/version").asText(), m.at("/cvssData/vectorString").asText(),
                m.at("/cvssData/baseScore").asDouble(), m.get("source").asText()))));
        assertThat(got.cvss()).containsExactlyInAnyOrderElementsOf(metrics);
        assertThat(sink.cvss.get(id)).containsExactlyInAnyOrderElementsOf(metrics);
        assertThat(got.severity()).isNotEqualTo(Severity.UNKNOWN);
    }

    private RecordingSink local(Path file) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "local");
        Files.copy(file, dir.resolve(file.getFileName()));
        RecordingSink sink = new RecordingSink();
        updater(Optional.empty()).update(new LocalFeedFetcher("nvd", dir), sink);
        return sink;
    }

    private io.plimsoll.vuln.feed.FeedFetcher fetcher(FeedServer server) {
        return io.plimsoll.vuln.testing.TestFetchers.http("nvd", server.url("") + API.substring(1), tmp);
    }

    private Path write(String name, String content) throws IOException {
        Path file = Files.createTempDirectory(tmp, "w").resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static void gzip(byte[] content, Path to) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(content);
        }
    }

    private static String param(String query, String name) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            Stream.of(query.split("&")).map(p -> p.split("=", 2)).filter(p -> p.length == 2)
                    .forEach(p -> params.put(p[0], p[1]));
        }
        return params.getOrDefault(name, "");
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
