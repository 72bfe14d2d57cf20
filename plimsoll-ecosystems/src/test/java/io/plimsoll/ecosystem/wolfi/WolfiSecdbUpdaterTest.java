package io.plimsoll.ecosystem.wolfi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vuln-list-update Wolfi and Chainguard samples (real upstream files) read at their real paths; damaged input. */
class WolfiSecdbUpdaterTest {

    @TempDir
    Path tmp;

    /** {@code DIR/<source>/<path below the base URL>} holding {@code content}. */
    static Path folder(Path root, WolfiSecdbUpdater updater, byte[] content) throws IOException {
        Path file = root.resolve(updater.name()).resolve(updater.path());
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return root.resolve(updater.name());
    }

    static byte[] sample(String distro) throws IOException {
        return Files.readAllBytes(SharedCorpus.require("feeds/vuln-list-update/" + distro + "/testdata/security.json"));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = WolfiSecdbUpdaterTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static RecordingSink update(WolfiSecdbUpdater updater, Path folder) throws IOException {
        RecordingSink sink = new RecordingSink();
        updater.update(new LocalFeedFetcher(updater.name(), folder), sink);
        return sink;
    }

    static String row(AffectedPackage a) {
        return a.source() + " " + a.namespace() + " " + a.name() + " " + a.advisoryId() + " " + a.status().label()
                + " " + a.scheme() + " " + a.ranges().stream().map(r -> r.fixed().map(f -> "<" + f).orElse("all"))
                .toList();
    }

    @Test
    void theRealSamplesLoadUnderEachDistributionsOwnRollingNamespace() throws IOException {
        for (WolfiSecdbUpdater updater : List.of(WolfiSecdbUpdater.wolfi(), WolfiSecdbUpdater.chainguard())) {
            String n = updater.name();
            RecordingSink sink = update(updater, folder(tmp, updater, sample(n)));
            assertThat(sink.affected).extracting(WolfiSecdbUpdaterTest::row).containsExactly(
                    n + " " + n + ":rolling binutils CVE-2022-38126 fixed apk [<2.39-r1]",
                    n + " " + n + ":rolling binutils CVE-2022-38533 fixed apk [<2.39-r2]",
                    n + " " + n + ":rolling binutils CVE-2022-38128 fixed apk [<2.39-r3]");
            assertThat(sink.advisories).extracting(Advisory::id)
                    .containsExactly("CVE-2022-38126", "CVE-2022-38533", "CVE-2022-38128");
            assertThat(sink.advisories).extracting(Advisory::source).containsOnly(n);
            assertThat(sink.progress).containsExactly(n + ": 1 packages, 3 advisories, 3 fixed versions");
        }
    }

    @Test
    void rowsAgreeWithVulnListUpdatesGoldens() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (WolfiSecdbUpdater updater : List.of(WolfiSecdbUpdater.wolfi(), WolfiSecdbUpdater.chainguard())) {
            String n = updater.name();
            RecordingSink sink = update(updater, folder(tmp, updater, sample(n)));
            JsonNode golden = json.readTree(SharedCorpus.require("feeds/vuln-list-update/" + n
                    + "/testdata/golden/binutils.json").toFile());
            Map<String, List<String>> expected = new TreeMap<>();
            golden.get("secfixes").fields().forEachRemaining(e -> {
                List<String> ids = new ArrayList<>();
                e.getValue().forEach(id -> ids.add(id.asText()));
                expected.put(e.getKey(), ids);
            });
            Map<String, List<String>> actual = new TreeMap<>();
            sink.affected(n + ":rolling", golden.get("name").asText()).forEach(a -> actual.computeIfAbsent(
                    a.ranges().get(0).fixed().orElseThrow(), k -> new ArrayList<>()).add(a.advisoryId()));
            assertThat(actual).as(n).isNotEmpty().isEqualTo(expected);
        }
    }

    @Test
    void notAffectedEntriesOddIdsAndNamelessPackages() throws IOException {
        WolfiSecdbUpdater wolfi = WolfiSecdbUpdater.wolfi();
        RecordingSink sink = update(wolfi, folder(tmp, wolfi, resource("wolfi-extra.json")));
        assertThat(sink.affected).extracting(WolfiSecdbUpdaterTest::row).containsExactly(
                // "0": the package was never affected
                "wolfi wolfi:rolling glibc CVE-2023-4911 not-affected apk []",
                "wolfi wolfi:rolling glibc CVE-2023-4806 fixed apk [<2.38-r2]",
                "wolfi wolfi:rolling glibc GHSA-xxxx-yyyy-zzzz fixed apk [<2.38-r2]",
                "wolfi wolfi:rolling busybox CVE-2022-48174 fixed apk [<1.36.1-r2]");
        assertThat(sink.progress).containsExactly("wolfi: skipped 1 × a package without a name",
                "wolfi: skipped 2 × an entry that is not one vulnerability id",
                "wolfi: 2 packages, 4 advisories, 4 fixed versions");
    }

    @Test
    void damagedFilesAreFeedExceptionsNamingTheFile() throws IOException {
        WolfiSecdbUpdater wolfi = WolfiSecdbUpdater.wolfi();
        byte[] whole = sample("wolfi");
        Path folder = folder(tmp, wolfi, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path file = folder.resolve("os/security.json");
        assertThatThrownBy(() -> update(wolfi, folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated JSON");
        Files.writeString(file, "<html><body>502 Bad Gateway</body></html>");
        assertThatThrownBy(() -> update(wolfi, folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("an HTML page");
        Files.writeString(file, "{\"packages\": 12}");
        assertThatThrownBy(() -> update(wolfi, folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'packages' to be a list");
        Files.delete(file);
        assertThatThrownBy(() -> update(wolfi, folder)).isInstanceOf(FeedException.class)
                .hasMessageContaining("security.json");
    }

    @Test
    void registeredWithTheRealUpstreams() {
        assertThat(Ecosystems.updaters()).filteredOn(u -> u instanceof WolfiSecdbUpdater)
                .extracting(u -> u.name() + " " + u.defaultBaseUrl() + ((WolfiSecdbUpdater) u).path())
                .containsExactly("wolfi https://packages.wolfi.dev/os/security.json",
                        "chainguard https://packages.cgr.dev/chainguard/security.json");
        assertThat(Ecosystems.feedFor("wolfi")).isEqualTo("wolfi");
        assertThat(Ecosystems.feedFor("chainguard")).isEqualTo("chainguard");
        assertThat(Ecosystems.schemeForNamespace("chainguard:rolling")).get()
                .extracting(s -> s.name()).isEqualTo("apk");
        assertThat(Ecosystems.updaters()).extracting(Updater::name).contains("wolfi", "chainguard");
    }
}
