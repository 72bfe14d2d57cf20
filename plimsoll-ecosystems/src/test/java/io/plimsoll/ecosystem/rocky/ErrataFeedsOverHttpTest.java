package io.plimsoll.ecosystem.rocky;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.alma.AlmaErrataUpdater;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.testing.FeedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errata sources as {@code db update} runs them: served over local HTTP at their real paths (Rocky's vault
 * listing, repomd.xml and the updateinfo it names; AlmaLinux's errata.json per major), then with one file gone.
 */
class ErrataFeedsOverHttpTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingUpdateinfoFailsRockyAloneAndKeepsItsData() throws Exception {
        Path rocky = RockyUpdateInfoUpdaterTest.layOut(tmp.resolve("rocky"), "8", "8.5");
        RockyUpdateInfoUpdaterTest.layOut(rocky, RockyUpdateInfoUpdater.CURRENT, s -> s, "8");
        // the current tree's listing links each major and its point-release alias, which is not read twice
        byte[] current = "<a href=\"8/\">8/</a>\n<a href=\"8.10/\">8.10/</a>\n".getBytes(StandardCharsets.UTF_8);
        Path alma = tmp.resolve("alma");
        for (String major : List.of("8", "9", "10")) {
            Files.createDirectories(alma.resolve(major));
            Files.writeString(alma.resolve(major + "/errata.json"), "[]");
        }
        Files.copy(SharedCorpus.require("feeds/vuln-list-update/alma/testdata/errata.json"), alma.resolve("8/errata.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] listing = Files.readAllBytes(SharedCorpus.require(
                RockyUpdateInfoUpdaterTest.SAMPLES + "fixtures/releases/happy.html"));
        Path db = tmp.resolve("vuln.db");
        try (FeedServer server = new FeedServer()) {
            server.mount("rocky", rocky).mount("alma", alma)
                    .fault("/rocky/vault/rocky/", n -> new FeedServer.Fault(200, "text/html", listing, 0))
                    .fault("/rocky/pub/rocky/", n -> new FeedServer.Fault(200, "text/html", current, 0));
            HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(1));
            UpdateRunner.Network network = new UpdateRunner.Network(
                    Map.of("rocky", server.url("rocky"), "alma", server.url("alma")), tmp.resolve("cache"), settings);
            UpdateRunner runner = new UpdateRunner(List.of(new AlmaErrataUpdater(), new RockyUpdateInfoUpdater()),
                    FeedProgress.NONE, 2);

            assertThat(runner.run(db, network).allOk()).isTrue();
            // the listing gave releases 8 and 8.5; both are Rocky 8, so their shared errata are one advisory each
            assertThat(server.requests).contains("/rocky/vault/rocky/",
                    "/rocky/vault/rocky/8/BaseOS/x86_64/os/repodata/repomd.xml",
                    "/rocky/vault/rocky/8.5/BaseOS/x86_64/os/repodata/updateinfo.xml.gz",
                    "/rocky/vault/rocky/8.5/AppStream/x86_64/os/repodata/repomd.xml",
                    "/rocky/pub/rocky/", "/rocky/pub/rocky/8/BaseOS/x86_64/os/repodata/updateinfo.xml.gz",
                    "/alma/8/errata.json", "/alma/9/errata.json", "/alma/10/errata.json");
            assertThat(server.requests).noneMatch(r -> r.startsWith("/rocky/pub/rocky/8.10/"));
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                assertThat(store.affected("rocky:8", "lz4")).hasSize(1);
                assertThat(store.affected("almalinux:8", "libsndfile")).hasSize(1);
            }

            String gone = "/rocky/vault/rocky/8.5/BaseOS/x86_64/os/repodata/updateinfo.xml.gz";
            server.fault(gone, n -> FeedServer.Fault.status(404));
            UpdateRunner.Report report = runner.run(db, network);
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("rocky")).singleElement()
                    .satisfies(o -> {
                        assertThat(o.ok()).isFalse();
                        assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).contains(gone, "404"));
                    });
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("alma")).singleElement()
                    .satisfies(o -> assertThat(o.ok()).isTrue());
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                assertThat(store.affected("rocky:8", "lz4")).hasSize(1);          // failed: kept
                assertThat(store.affected("almalinux:8", "libsndfile")).hasSize(1);
                SourceStatus status = store.sources().stream().filter(s -> s.name().equals("rocky")).findFirst()
                        .orElseThrow();
                assertThat(status.error()).hasValueSatisfying(e -> assertThat(e).contains("404"));
                assertThat(status.updatedAt()).isPresent();
            }
        }
    }
}
