package io.plimsoll.ecosystem.wolfi;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.testing.FeedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wolfi's and Chainguard's feeds served over local HTTP at their real paths below each base URL, then a mirror that
 * lost Chainguard's file: that source fails alone and keeps its rows while Wolfi's update.
 */
class WolfiFeedsOverHttpTest {

    @TempDir
    Path tmp;

    @Test
    void aSourceAnsweringNotFoundFailsAloneAndKeepsItsData() throws Exception {
        WolfiSecdbUpdater wolfi = WolfiSecdbUpdater.wolfi();
        WolfiSecdbUpdater chainguard = WolfiSecdbUpdater.chainguard();
        Path wolfiDir = WolfiSecdbUpdaterTest.folder(tmp.resolve("srv"), wolfi, WolfiSecdbUpdaterTest.sample("wolfi"));
        Path cgrDir = WolfiSecdbUpdaterTest.folder(tmp.resolve("srv"), chainguard,
                WolfiSecdbUpdaterTest.resource("chainguard-only.json"));
        Path db = tmp.resolve("vuln.db");
        try (FeedServer server = new FeedServer()) {
            server.mount("wolfi", wolfiDir).mount("chainguard", cgrDir);
            UpdateRunner.Network network = new UpdateRunner.Network(
                    Map.of("wolfi", server.url("wolfi"), "chainguard", server.url("chainguard")), tmp.resolve("cache"),
                    HttpSettings.defaults().withBackoff(Duration.ofMillis(1)));
            UpdateRunner runner = new UpdateRunner(List.of(wolfi, chainguard), FeedProgress.NONE, 1);
            assertThat(runner.run(db, network).allOk()).isTrue();
            assertThat(server.requests).contains("/wolfi/os/security.json", "/chainguard/chainguard/security.json");

            Files.delete(cgrDir.resolve("chainguard/security.json"));
            Files.write(wolfiDir.resolve("os/security.json"), WolfiSecdbUpdaterTest.resource("wolfi-extra.json"));
            UpdateRunner.Report report = runner.run(db, network);
            assertThat(report.outcomes()).extracting(o -> o.source() + " " + o.ok())
                    .containsExactlyInAnyOrder("wolfi true", "chainguard false");
            assertThat(report.outcomes()).filteredOn(o -> !o.ok()).singleElement().satisfies(o -> assertThat(
                    o.error()).hasValueSatisfying(e -> assertThat(e).contains("chainguard/security.json", "404")));
        }
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.affected("chainguard:rolling", "openssl")).hasSize(1);   // kept
            assertThat(store.affected("wolfi:rolling", "binutils")).isEmpty();        // replaced
            assertThat(store.affected("wolfi:rolling", "glibc")).hasSize(3);
            Map<String, SourceStatus> sources = new TreeMap<>();
            store.sources().forEach(s -> sources.put(s.name(), s));
            assertThat(sources.get("chainguard").error()).isPresent();
            assertThat(sources.get("chainguard").records()).isEqualTo(2); // its advisory and its row
            assertThat(sources.get("wolfi").error()).isEmpty();
        }
    }
}
