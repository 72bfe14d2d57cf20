package io.plimsoll.ecosystem.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpFeedFetcher;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.FeedServer;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker dump in its upstream shape (a small hand-written file: there is no real sample in the shared data)
 * read through the air-gapped fetcher, every row asserted.
 */
class DebianTrackerUpdaterTest {

    @TempDir
    Path tmp;

    static byte[] fixture() throws IOException {
        try (InputStream in = DebianTrackerUpdaterTest.class.getResourceAsStream("tracker-data.json")) {
            return in.readAllBytes();
        }
    }

    /** A {@code --from} folder for the debian source holding {@code content} at the upstream path. */
    Path feedFolder(byte[] content) throws IOException {
        Path root = tmp.resolve("debian");
        Path file = root.resolve(DebianTrackerUpdater.PATH);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return root;
    }

    RecordingSink update(byte[] content) throws IOException {
        RecordingSink sink = new RecordingSink();
        new DebianTrackerUpdater().update(new LocalFeedFetcher("debian", feedFolder(content)), sink);
        return sink;
    }

    static String row(AffectedPackage a) {
        return a.namespace() + " " + a.name() + " " + a.advisoryId() + " " + a.status().label() + " "
                + a.ranges().stream().map(r -> r.fixed().map(f -> "<" + f).orElse("all")).toList() + " "
                + a.severity();
    }

    @Test
    void everyReleaseStatusBecomesOneRowInItsReleasesNamespace() throws IOException {
        RecordingSink sink = update(fixture());
        assertThat(sink.affected).allSatisfy(a -> {
            assertThat(a.source()).isEqualTo("debian");
            assertThat(a.scheme()).isEqualTo("deb");
            assertThat(a.versions()).isEmpty();
            assertThat(a.module()).isEmpty();
        });
        assertThat(sink.affected).extracting(DebianTrackerUpdaterTest::row).containsExactly(
                "debian:12 openssl CVE-2024-0727 fixed [<3.0.13-1~deb12u1] not yet assigned",
                "debian:11 openssl CVE-2024-0727 affected [all] low",
                "debian:unstable openssl CVE-2024-0727 fixed [<3.1.5-1] not yet assigned",
                "debian:13 openssl CVE-2024-0727 fixed [<3.1.5-1] not yet assigned",
                "debian:12 openssl CVE-2023-5678 not-affected [] unimportant",
                "debian:12 edk2 CVE-2024-0727 will-not-fix [all] unimportant",
                "debian:11 edk2 CVE-2024-0727 will-not-fix [all] end-of-life",
                "debian:12 curl CVE-2024-2398 fix-deferred [all] not yet assigned",
                "debian:14 curl CVE-2024-2398 under-investigation [all] not yet assigned",
                // experimental is no release an image can be: skipped, and said so below
                "debian:12 libfoo CVE-2024-1001 fixed [<1.2-4] high",
                "debian:12 libfoo CVE-2024-1002 fixed [<1.2-3] medium",
                "debian:12 libfoo TEMP-0000000-1A2B3C affected [all] low**",
                "debian:12 gcc-defaults CVE-2024-1003 fixed [<1.204] medium");
        assertThat(sink.progress).contains(
                "debian: skipped 1 release status: release 'experimental' is not a Debian release Plimsoll knows",
                "debian: 5 source packages, 7 advisories, 13 release statuses");
    }

    @Test
    void oneAdvisoryPerIdWithItsDescriptionAndTrackerPage() throws IOException {
        RecordingSink sink = update(fixture());
        assertThat(sink.advisories).extracting(Advisory::id).containsExactly("CVE-2024-0727", "CVE-2023-5678",
                "CVE-2024-2398", "CVE-2024-1001", "CVE-2024-1002", "TEMP-0000000-1A2B3C", "CVE-2024-1003");
        Advisory pkcs12 = sink.advisory("CVE-2024-0727").orElseThrow();
        assertThat(pkcs12.source()).isEqualTo("debian");
        assertThat(pkcs12.description()).isEqualTo("PKCS12 Decoding crashes");
        assertThat(pkcs12.references()).containsExactly("https://security-tracker.debian.org/tracker/CVE-2024-0727");
        assertThat(pkcs12.cveIds()).containsExactly("CVE-2024-0727");
        // TEMP ids are kept as the tracker's own names; they simply have no CVE to enrich with
        assertThat(sink.advisory("TEMP-0000000-1A2B3C").orElseThrow().cveIds()).isEmpty();
    }

    @Test
    void aGzippedDumpReadsTheSame() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(fixture());
        }
        assertThat(update(gz.toByteArray()).affected).hasSize(13);
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        assertThatThrownBy(() -> update(cut)).isInstanceOf(FeedException.class)
                .hasMessageContaining("tracker/data/json").hasMessageContaining("truncated");
    }

    @Test
    void statusesAndVersionsTheReaderCannotUseAreSkippedAndCounted() throws IOException {
        String json = """
                {"zlib": {"CVE-2024-9": {"releases": {
                  "bookworm": {"status": "resolved", "urgency": "low"},
                  "bullseye": {"status": "resolved", "fixed_version": "<unfixed>"},
                  "trixie": {"status": "frozen"},
                  "buster": {"status": "resolved", "fixed_version": "1:1.2.13-1"}}}}}
                """;
        RecordingSink sink = update(json.getBytes(StandardCharsets.UTF_8));
        assertThat(sink.affected).extracting(DebianTrackerUpdaterTest::row)
                .containsExactly("debian:10 zlib CVE-2024-9 fixed [<1:1.2.13-1] ");
        assertThat(sink.progress).contains(
                "debian: skipped 1 release status: resolved without a usable fixed_version ('')",
                "debian: skipped 1 release status: resolved without a usable fixed_version ('<unfixed>')",
                "debian: skipped 1 release status: unknown status 'frozen'");
    }

    @Test
    void aTruncatedDumpIsAFeedExceptionNamingTheFile() throws IOException {
        byte[] whole = fixture();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> update(cut)).isInstanceOf(FeedException.class)
                .hasMessageContaining("tracker/data/json")
                .hasMessageContaining("truncated JSON");
    }

    @Test
    void anHtmlPageInsteadOfTheDumpIsAFeedExceptionNamingTheFile() {
        byte[] html = "<!DOCTYPE html>\n<html><head><title>Proxy login</title></head><body>Sign in</body></html>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> update(html)).isInstanceOf(FeedException.class)
                .hasMessageContaining("tracker/data/json")
                .hasMessageContaining("an HTML page");
    }

    @Test
    void anEmptyFileOrAnotherJsonShapeIsAFeedException() {
        assertThatThrownBy(() -> update(new byte[0])).isInstanceOf(FeedException.class)
                .hasMessageContaining("tracker/data/json").hasMessageContaining("empty");
        assertThatThrownBy(() -> update("[{\"openssl\": {}}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FeedException.class).hasMessageContaining("unexpected structure");
        assertThatThrownBy(() -> update("{\"openssl\": [\"CVE-2024-0727\"]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FeedException.class).hasMessageContaining("source package openssl should be an object");
        assertThatThrownBy(() -> update("{\"openssl\": {}} {\"x\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FeedException.class).hasMessageContaining("after the top-level object");
    }

    @Test
    void overHttpTheDumpIsReadFromItsUpstreamPathAndAProxyPageIsNamedByUrl() throws IOException {
        try (FeedServer server = new FeedServer()) {
            server.mount("", feedFolder(fixture()));
            assertThat(update(http(server, "ok")).affected).hasSize(13);
            assertThat(server.requests).containsExactly("/tracker/data/json");
            server.fault("/tracker/data/json", n -> FeedServer.Fault.html());
            assertThatThrownBy(() -> update(http(server, "html"))).isInstanceOf(FeedException.class)
                    .hasMessageContaining(server.url("") + "tracker/data/json")
                    .hasMessageContaining("an HTML page");
        }
    }

    HttpFeedFetcher http(FeedServer server, String cache) throws IOException {
        HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(1));
        return new HttpFeedFetcher("debian", server.url(""), Files.createDirectories(tmp.resolve("cache-" + cache)),
                HttpFeedFetcher.client(settings), settings, FeedProgress.NONE, Map.of());
    }

    RecordingSink update(FeedFetcher fetcher) throws IOException {
        RecordingSink sink = new RecordingSink();
        new DebianTrackerUpdater().update(fetcher, sink);
        return sink;
    }

    @Test
    void aMissingDumpIsAFeedException() {
        assertThatThrownBy(() -> new DebianTrackerUpdater().update(
                new LocalFeedFetcher("debian", tmp.resolve("empty")), new RecordingSink()))
                .isInstanceOf(FeedException.class).hasMessageContaining("tracker/data/json");
    }
}
