package io.plimsoll.vuln.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.vuln.FeedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFeedFetcherTest {

    @TempDir
    Path tmp;

    @Test
    void listsAndFetchesThroughSymbolicLinksAndRefusesToEscapeTheFolder() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("mirror/secdb/v3.19"));
        Files.writeString(real.resolve("main.json"), "{}");
        Path from = Files.createDirectories(tmp.resolve("from"));
        Files.createSymbolicLink(from.resolve("alpine"), tmp.resolve("mirror/secdb"));
        LocalFeedFetcher f = new LocalFeedFetcher("alpine", from.resolve("alpine"));
        assertThat(f.list("")).containsExactly("v3.19/main.json");
        assertThat(f.fetch("v3.19/main.json")).isRegularFile();
        assertThat(f.fetchIfPresent("v3.20/main.json")).isEmpty();
        assertThatThrownBy(() -> f.fetch("v3.20/main.json")).isInstanceOf(FeedException.class)
                .hasMessageContaining("v3.20/main.json").hasMessageContaining("no such file");
        assertThatThrownBy(() -> f.fetch("../../../etc/passwd")).isInstanceOf(FeedException.class)
                .hasMessageContaining("escapes");
    }

    @Test
    void aSymbolicLinkLoopIsAnErrorNamingTheFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("osv/Go"));
        Files.createSymbolicLink(dir.resolve("loop"), tmp.resolve("osv"));
        LocalFeedFetcher f = new LocalFeedFetcher("osv", tmp.resolve("osv"));
        assertThatThrownBy(() -> f.list("")).isInstanceOf(FeedException.class).hasMessageContaining("osv");
    }
}
