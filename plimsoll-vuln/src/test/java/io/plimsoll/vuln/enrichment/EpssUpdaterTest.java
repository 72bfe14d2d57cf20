package io.plimsoll.vuln.enrichment;

import io.plimsoll.vuln.testing.RecordingSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.FeedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpssUpdaterTest {

    @TempDir
    Path tmp;

    private Path sample() {
        return SharedCorpus.require("corpus/claircore/enricher/epss/testdata/data.csv");
    }

    @Test
    void gzippedSampleServedAtTheUpstreamPathParsesEveryRow() throws Exception {
        List<String> lines = Files.readAllLines(sample());
        Path dir = Files.createDirectories(tmp.resolve("served"));
        gzip(Files.readAllBytes(sample()), dir.resolve(EpssUpdater.FILE));
        try (FeedServer server = new FeedServer().mount("", dir)) {
            RecordingSink sink = new RecordingSink();
            new EpssUpdater().update(io.plimsoll.vuln.testing.TestFetchers.http("epss", server.url(""), tmp), sink);

            assertThat(server.requests).containsExactly("/epss_scores-current.csv.gz");
            // every data row of the sample, i.e. all lines but the comment and the header
            assertThat(sink.epss).hasSize(lines.size() - 2).hasSize(29);
            assertSampleValues(sink);
        }
    }

    @Test
    void plainCsvUnderTheGzName() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        Files.copy(sample(), dir.resolve(EpssUpdater.FILE));
        RecordingSink sink = run(dir);
        assertThat(sink.epss).hasSize(29);
        assertSampleValues(sink);
    }

    private static void assertSampleValues(RecordingSink sink) {
        EpssScore first = sink.epss.get(0);
        assertThat(first.cve()).isEqualTo("CVE-1999-0005");
        assertThat(first.score()).isCloseTo(0.91963, within(1e-9));
        assertThat(first.percentile()).isCloseTo(0.99030, within(1e-9));
        // "score_date:2024-10-25T00:00:00+0000": the offset without a colon
        assertThat(first.date()).contains(LocalDate.of(2024, 10, 25));
        EpssScore last = sink.epss.get(28);
        assertThat(last.cve()).isEqualTo("CVE-2024-9987");
        assertThat(last.score()).isCloseTo(0.00043, within(1e-9));
        assertThat(last.percentile()).isCloseTo(0.09778, within(1e-9));
        assertThat(sink.state).containsEntry("modelVersion", "v2023.03.01").containsEntry("scoreDate", "2024-10-25");
        assertThat(sink.allProgress()).contains("read 29 EPSS scores").doesNotContain("skipped");
    }

    @Test
    void currentCommentSpellingAndNoComment() throws Exception {
        RecordingSink sink = run(write("""
                #model_version:v2025.03.14,score_date:2025-03-20T00:00:00Z
                cve,epss,percentile
                CVE-2021-44228,0.94358,0.99957
                """));
        assertThat(sink.epss).containsExactly(
                new EpssScore("CVE-2021-44228", 0.94358, 0.99957, java.util.Optional.of(LocalDate.of(2025, 3, 20))));

        RecordingSink bare = run(write("cve,epss,percentile\nCVE-2021-44228,0.9,0.99\n"));
        assertThat(bare.epss).extracting(EpssScore::date).containsExactly(java.util.Optional.empty());
        assertThat(bare.state).doesNotContainKeys("modelVersion", "scoreDate");
    }

    @Test
    void badRowsAreSkippedCountedAndQuoted() throws Exception {
        RecordingSink sink = run(write("""
                #model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000
                cve,epss,percentile
                CVE-1999-0005,0.91963,0.99030
                not-a-cve,0.1,0.2
                CVE-1999-0006,0.03341
                CVE-1999-0007,1.5,0.3
                CVE-1999-0008,abc,0.3

                CVE-1999-0009,0.09014,0.94772
                """));
        assertThat(sink.epss).extracting(EpssScore::cve).containsExactly("CVE-1999-0005", "CVE-1999-0009");
        assertThat(sink.allProgress())
                .contains("skipped 4 malformed rows")
                .contains("line 4: \"not-a-cve,0.1,0.2\"")
                .contains("line 5: \"CVE-1999-0006,0.03341\"");
    }

    @Test
    void badFilesFailNamingTheFile() throws Exception {
        assertFails(write("#model_version:v1\nCVE-1999-0005,0.9,0.9\n"), "no EPSS header");
        assertFails(write("#model_version:v1\n"), "no EPSS header");
        assertFails(write("cve,epss,percentile\n"), "no valid score rows");
        assertFails(write(""), "the file is empty");
        assertFails(write("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"), "an HTML page");

        byte[] whole = Files.readAllBytes(sample());
        Path cut = Files.createTempDirectory(tmp, "cut");
        gzip(whole, cut.resolve(EpssUpdater.FILE));
        byte[] gz = Files.readAllBytes(cut.resolve(EpssUpdater.FILE));
        Files.write(cut.resolve(EpssUpdater.FILE), Arrays.copyOf(gz, gz.length / 2));
        assertFails(cut, "truncated gzip");
    }

    private void assertFails(Path dir, String reason) {
        assertThatThrownBy(() -> run(dir))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining(dir.resolve(EpssUpdater.FILE).toString())
                .hasMessageContaining(reason);
    }

    private Path write(String content) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "epss");
        Files.writeString(dir.resolve(EpssUpdater.FILE), content);
        return dir;
    }

    private static void gzip(byte[] content, Path to) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(content);
        }
    }

    private static RecordingSink run(Path dir) throws Exception {
        RecordingSink sink = new RecordingSink();
        new EpssUpdater().update(new LocalFeedFetcher("epss", dir), sink);
        return sink;
    }
}
