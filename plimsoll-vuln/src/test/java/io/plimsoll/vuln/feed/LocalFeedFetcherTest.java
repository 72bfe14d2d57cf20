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

    @Test
    void aDirectoryAFifoOrADanglingLinkInAFilesPlaceIsAnErrorNotAnAbsentFile() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("osv"));
        Files.createDirectories(root.resolve("PyPI/all.zip"));
        Files.createDirectories(root.resolve("npm"));
        Files.createSymbolicLink(root.resolve("npm/all.zip"), tmp.resolve("nowhere"));
        LocalFeedFetcher f = new LocalFeedFetcher("osv", root);
        assertThatThrownBy(() -> f.fetchIfPresent("PyPI/all.zip")).isInstanceOf(FeedException.class)
                .hasMessage("osv: " + root.resolve("PyPI/all.zip") + ": not a regular file (a directory)");
        assertThatThrownBy(() -> f.fetch("PyPI/all.zip")).isInstanceOf(FeedException.class)
                .hasMessageEndingWith("not a regular file (a directory)");
        assertThatThrownBy(() -> f.fetchIfPresent("npm/all.zip")).isInstanceOf(FeedException.class)
                .hasMessageEndingWith("not a regular file (a symbolic link to nothing)");
        assertThat(f.fetchIfPresent("Go/all.zip")).isEmpty();

        Files.createDirectories(root.resolve("Go"));
        Path fifo = root.resolve("Go/all.zip");
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available: FIFO case not run");
        // reading a FIFO nobody writes to would block for ever
        assertThatThrownBy(() -> f.fetchIfPresent("Go/all.zip")).isInstanceOf(FeedException.class)
                .hasMessageEndingWith("not a regular file (a FIFO, socket or device)");
    }

    static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
