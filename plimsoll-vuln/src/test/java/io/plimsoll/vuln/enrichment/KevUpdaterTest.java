package io.plimsoll.vuln.enrichment;

import io.plimsoll.vuln.testing.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.FeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KevUpdaterTest {

    private static final String KEVC = "feeds/vuln-list-update/kevc/testdata/";

    @TempDir
    Path tmp;

    @Test
    void vulnListSampleMatchesItsGoldens() throws Exception {
        Path happy = SharedCorpus.require(KEVC + "happy");
        Path golden = SharedCorpus.require(KEVC + "golden/kevc");
        RecordingSink sink = run(happy);

        List<Path> goldens;
        try (Stream<Path> files = Files.walk(golden)) {
            goldens = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(goldens).hasSize(2);
        assertThat(sink.kev).hasSize(goldens.size());
        for (Path g : goldens) {
            JsonNode want = FeedFiles.JSON.readTree(g.toFile());
            KevEntry got = entry(sink, want.get("cveID").asText());
            assertThat(got.vendorProject()).isEqualTo(want.get("vendorProject").asText());
            assertThat(got.product()).isEqualTo(want.get("product").asText());
            assertThat(got.name()).isEqualTo(want.get("vulnerabilityName").asText());
            assertThat(got.requiredAction()).isEqualTo(want.get("requiredAction").asText());
            assertThat(got.dateAdded()).isEqualTo(LocalDate.parse(want.get("dateAdded").asText()));
            assertThat(got.dueDate()).contains(LocalDate.parse(want.get("dueDate").asText()));
            // the 2022 catalog predates knownRansomwareCampaignUse: absent means not known
            assertThat(got.knownRansomwareUse()).isFalse();
        }
        KevEntry heartbleed = entry(sink, "CVE-2014-0160");
        assertThat(heartbleed.dateAdded()).isEqualTo(LocalDate.of(2022, 5, 4));
        assertThat(sink.state).containsEntry("catalogVersion", "2022.05.13");
        assertThat(sink.allProgress()).contains("read 2 known exploited").doesNotContain("warning");
    }

    @Test
    void claircoreSampleReadsRansomwareUseAndDueDates() throws Exception {
        Path dir = SharedCorpus.require("corpus/claircore/enricher/kev/testdata");
        RecordingSink sink = run(dir);

        assertThat(sink.kev).extracting(KevEntry::cve).containsExactly("CVE-2017-3066", "CVE-2021-44228");
        KevEntry log4shell = entry(sink, "CVE-2021-44228");
        assertThat(log4shell.knownRansomwareUse()).isTrue();
        assertThat(log4shell.dateAdded()).isEqualTo(LocalDate.of(2021, 12, 10));
        assertThat(log4shell.dueDate()).contains(LocalDate.of(2021, 12, 24));
        assertThat(log4shell.vendorProject()).isEqualTo("Apache");
        assertThat(log4shell.product()).isEqualTo("Log4j2");
        assertThat(entry(sink, "CVE-2017-3066").knownRansomwareUse()).isFalse();
        assertThat(sink.state).containsEntry("catalogVersion", "2025.02.24");
    }

    @Test
    void fetchesTheUpstreamFileNameOverHttp() throws Exception {
        Path dir = SharedCorpus.require("corpus/claircore/enricher/kev/testdata");
        try (FeedServer server = new FeedServer().mount("sites/default/files/feeds", dir)) {
            RecordingSink sink = new RecordingSink();
            new KevUpdater().update(io.plimsoll.vuln.testing.TestFetchers.http("kev", server.url("sites/default/files/feeds"), tmp), sink);
            assertThat(server.requests).containsExactly("/sites/default/files/feeds/known_exploited_vulnerabilities.json");
            assertThat(sink.kev).hasSize(2);
        }
    }

    @Test
    void warnsWhenTheCountDisagreesWithTheEntries() throws Exception {
        Path happy = SharedCorpus.require(KEVC + "happy/" + KevUpdater.FILE);
        ObjectNode doc = (ObjectNode) FeedFiles.JSON.readTree(happy.toFile());
        doc.put("count", 3);
        RecordingSink sink = run(write(FeedFiles.JSON.writeValueAsString(doc)));

        assertThat(sink.kev).hasSize(2);
        assertThat(sink.allProgress()).contains("warning: the catalog says count 3 but lists 2 entries");
    }

    @Test
    void skipsAndCountsEntriesWithoutCveOrDateAdded() throws Exception {
        RecordingSink sink = run(write("""
                {"count": 3, "vulnerabilities": [
                  {"cveID": "CVE-2022-1388", "dateAdded": "2022-05-10"},
                  {"cveID": "CVE-2022-0001", "dateAdded": "soon"},
                  {"vendorProject": "nobody", "dateAdded": "2022-05-10"}]}
                """));

        assertThat(sink.kev).extracting(KevEntry::cve).containsExactly("CVE-2022-1388");
        assertThat(sink.kev.get(0).dueDate()).isEmpty();
        assertThat(sink.allProgress()).contains("skipped 2 entries");
    }

    @Test
    void truncatedSampleFailsNamingTheFile() {
        Path sad = SharedCorpus.require(KEVC + "sad");
        assertThatThrownBy(() -> run(sad))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(sad.resolve(KevUpdater.FILE).toString())
                .hasMessageContaining("truncated JSON");
    }

    @Test
    void htmlEmptyAndWrongShapeFailNamingTheFile() throws Exception {
        assertFails(write("<!DOCTYPE html><html><body>Access denied</body></html>"), "an HTML page");
        assertFails(write(""), "the file is empty");
        assertFails(write("{\"title\": \"x\", \"vulnerabilities\": {}}"), "no \"vulnerabilities\" array");
        assertFails(write("[]"), "no \"vulnerabilities\" array");
    }

    private void assertFails(Path dir, String reason) {
        assertThatThrownBy(() -> run(dir))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(dir.resolve(KevUpdater.FILE).toString())
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((FeedException) e).source()).isEqualTo("kev"));
    }

    private Path write(String content) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "kev");
        Files.writeString(dir.resolve(KevUpdater.FILE), content);
        return dir;
    }

    private static RecordingSink run(Path dir) throws Exception {
        RecordingSink sink = new RecordingSink();
        new KevUpdater().update(new LocalFeedFetcher("kev", dir), sink);
        return sink;
    }

    private static KevEntry entry(RecordingSink sink, String cve) {
        Optional<KevEntry> e = sink.kev.stream().filter(k -> k.cve().equals(cve)).findFirst();
        assertThat(e).as(cve).isPresent();
        return e.get();
    }
}
