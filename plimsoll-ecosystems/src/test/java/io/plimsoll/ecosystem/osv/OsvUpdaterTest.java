package io.plimsoll.ecosystem.osv;

import static io.plimsoll.ecosystem.osv.OsvTesting.match;
import static io.plimsoll.ecosystem.osv.OsvTesting.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvUpdaterTest {

    @TempDir
    Path tmp;

    private final RecordingSink rows = new RecordingSink();
    private final List<String> progress = new ArrayList<>();
    private final FeedSink sink = OsvTesting.withProgress(rows, progress);

    /** What a zip holds, counted without the code under test: entries, withdrawn ones, affected entries of the rest. */
    private record Census(int entries, int withdrawn, int affected) {
    }

    private static Census census(Path zip) throws IOException {
        int entries = 0;
        int withdrawn = 0;
        int affected = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                JsonNode record = FeedFiles.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                entries++;
                if (record.has("withdrawn")) {
                    withdrawn++;
                } else {
                    affected += record.path("affected").size();
                }
            }
        }
        return new Census(entries, withdrawn, affected);
    }

    @Test
    void theCompleteGoAndPypiFeedsLoadFully() throws Exception {
        Path folder = SharedCorpus.require("feeds/osv");
        new OsvUpdater().update(new LocalFeedFetcher("osv", folder), sink);

        Census go = census(folder.resolve("Go/all.zip"));
        Census pypi = census(folder.resolve("PyPI/all.zip"));
        // the counts MANIFEST.md states, and what python's zipfile/json found (17 and 10 withdrawn)
        assertThat(go).isEqualTo(new Census(4291, 17, go.affected()));
        assertThat(pypi).isEqualTo(new Census(2661, 10, pypi.affected()));
        assertThat(rows.advisories).hasSize(go.entries() - go.withdrawn() + pypi.entries() - pypi.withdrawn());
        assertThat(rows.advisories).extracting(Advisory::id).doesNotHaveDuplicates();
        // every affected entry of both feeds has something comparable (SEMVER, ECOSYSTEM or versions): one row each
        assertThat(rows.affected.stream().filter(r -> r.namespace().equals("Go"))).hasSize(go.affected());
        assertThat(rows.affected.stream().filter(r -> r.namespace().equals("PyPI"))).hasSize(pypi.affected());
        assertThat(rows.affected).extracting(AffectedPackage::scheme).containsOnly("go", "pep440");
        assertThat(progress).anySatisfy(p -> assertThat(p).startsWith("Go: 4,291 records, 17 withdrawn"))
                .anySatisfy(p -> assertThat(p).startsWith("PyPI: 2,661 records, 10 withdrawn")
                        .contains("1,391 GIT ranges skipped"))
                .anySatisfy(p -> assertThat(p).contains("no all.zip for Maven, npm, crates.io, RubyGems, NuGet, Packagist"));

        // PYSEC-2020-341 files "jw.util" (ECOSYSTEM: introduced 0, fixed 2.3): found under its PEP 503 name
        assertThat(match(rows, pkg("pypi", "jw_util", "2.2", Map.of()))).singleElement().satisfies(f -> {
            assertThat(f.advisory().id()).isEqualTo("PYSEC-2020-341");
            assertThat(f.fixedVersions()).containsExactly("2.3");
        });
        // PYSEC-2005-1: trac below 0.10, also listing 0.8.4 and 0.9 explicitly
        assertThat(match(rows, pkg("pypi", "Trac", "0.9", Map.of()))).extracting(f -> f.advisory().id())
                .contains("PYSEC-2005-1");
        assertThat(match(rows, pkg("pypi", "trac", "0.10", Map.of()))).extracting(f -> f.advisory().id())
                .doesNotContain("PYSEC-2005-1");
    }

    /** vuln-list-update's osvdev samples; its goldens are the records it split out per package. */
    @Test
    void vulnListUpdateSamplesAgreeWithTheirGoldens() throws Exception {
        Path testdata = SharedCorpus.require("feeds/vuln-list-update/osvdev/testdata");
        Map<String, OsvEcosystem> folders = Map.of("go", OsvEcosystem.GO, "python", OsvEcosystem.PYPI,
                "rust", OsvEcosystem.CRATES_IO);
        for (var e : folders.entrySet()) {
            Files.createDirectories(tmp.resolve(e.getValue().osvName()));
            Files.copy(testdata.resolve(e.getKey()).resolve("all.zip"), tmp.resolve(e.getValue().osvName()).resolve("all.zip"));
        }
        new OsvUpdater(List.copyOf(folders.values())).update(new LocalFeedFetcher("osv", tmp), sink);

        int goldens = 0;
        for (var e : folders.entrySet()) {
            Path dir = testdata.resolve("golden").resolve(e.getKey());
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(p -> p.toString().endsWith(".json")).toList();
            }
            for (Path file : files) {
                goldens++;
                JsonNode golden = FeedFiles.readJson("test", file);
                String packageName = dir.relativize(file.getParent()).toString().replace('\\', '/');
                Advisory a = rows.advisory(golden.get("id").asText()).orElseThrow();
                assertThat(a.description()).isEqualTo(golden.path("details").asText(""));
                List<String> aliases = new ArrayList<>();
                golden.path("aliases").forEach(x -> aliases.add(x.asText()));
                assertThat(a.aliases()).containsExactlyElementsOf(aliases);

                OsvEcosystem eco = e.getValue();
                List<AffectedPackage> found = rows.affected(eco.osvName(), eco.key(packageName)).stream()
                        .filter(r -> r.advisoryId().equals(a.id())).toList();
                assertThat(found).as("%s %s", a.id(), packageName).isNotEmpty();
                // every bound the golden's non-GIT ranges state is a bound of a row, and nothing else is
                Set<String> expected = new HashSet<>();
                for (JsonNode affected : golden.path("affected")) {
                    for (JsonNode range : affected.path("ranges")) {
                        if (!range.path("type").asText().equals("GIT")) {
                            range.path("events").forEach(ev -> ev.fields().forEachRemaining(f ->
                                    expected.add(f.getKey() + "=" + f.getValue().asText())));
                        }
                    }
                }
                expected.remove("introduced=0");
                Set<String> actual = new HashSet<>();
                for (AffectedPackage r : found) {
                    for (VersionRange v : r.ranges()) {
                        v.introduced().ifPresent(x -> actual.add("introduced=" + x));
                        v.fixed().ifPresent(x -> actual.add("fixed=" + x));
                        v.lastAffected().ifPresent(x -> actual.add("last_affected=" + x));
                    }
                }
                assertThat(actual).as(a.id()).isEqualTo(expected);
            }
        }
        assertThat(goldens).isEqualTo(10);
        assertThat(rows.advisories).hasSize(10);
    }

    @Test
    void aFolderWithoutAnyConfiguredZipIsAnError() throws Exception {
        Files.createDirectories(tmp.resolve("Go"));
        assertThatThrownBy(() -> new OsvUpdater(List.of(OsvEcosystem.MAVEN, OsvEcosystem.NPM))
                .update(new LocalFeedFetcher("osv", tmp), sink))
                .isInstanceOf(FeedException.class).hasMessageContaining("no ECOSYSTEM/all.zip for any of Maven, npm");
    }

    @Test
    void overHttpAMissingZipIsAnErrorNotASkip() {
        FeedFetcher remote = new FeedFetcher() {
            public String source() { return "osv"; }
            public String baseUrl() { return OsvUpdater.BASE_URL; }
            public Path fetch(String path) throws FeedException { throw new FeedException("osv", baseUrl() + path, "HTTP 404"); }
            public Optional<Path> fetchIfPresent(String path) { return Optional.empty(); }
            public Path fetchUncached(String p, Map<String, String> h) throws FeedException { return fetch(p); }
            public boolean isLocal() { return false; }
            public List<String> list(String dir) { return List.of(); }
        };
        assertThatThrownBy(() -> new OsvUpdater(List.of(OsvEcosystem.GO)).update(remote, sink))
                .isInstanceOf(FeedException.class).hasMessageContaining("Go/all.zip").hasMessageContaining("HTTP 404");
    }

    private Path goZip(byte[] content) throws IOException {
        Files.createDirectories(tmp.resolve("Go"));
        return Files.write(tmp.resolve("Go/all.zip"), content);
    }

    private FeedException updateFails(OsvZip.Limits limits) {
        FeedException e = org.junit.jupiter.api.Assertions.assertThrows(FeedException.class,
                () -> new OsvUpdater(List.of(OsvEcosystem.GO), limits).update(new LocalFeedFetcher("osv", tmp), sink));
        assertThat(e.source()).isEqualTo("osv");
        assertThat(e.getMessage()).contains(tmp.resolve("Go/all.zip").toString());
        return e;
    }

    @Test
    void aTruncatedDownloadIsNamed() throws Exception {
        byte[] real = Files.readAllBytes(SharedCorpus.require("feeds/osv/Go/all.zip"));
        goZip(java.util.Arrays.copyOf(real, real.length / 2));
        assertThat(updateFails(OsvZip.Limits.DEFAULT).reason()).contains("damaged zip archive");
    }

    @Test
    void anHtmlPageOrAnEmptyFileInsteadOfTheZipIsNamed() throws Exception {
        goZip("<!DOCTYPE html><html><body>Proxy login</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(updateFails(OsvZip.Limits.DEFAULT).reason()).contains("expected a zip archive but got an HTML");
        goZip(new byte[0]);
        assertThat(updateFails(OsvZip.Limits.DEFAULT).reason()).isEqualTo("the file is empty");
    }

    private byte[] zip(Map<String, byte[]> entries) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void zipBombsAreCutShort() throws Exception {
        // a record with 8 MiB of details inflates from a few KiB: over a 1 MiB per-entry cap
        byte[] padded = ("{\"id\": \"GO-1\", \"details\": \"" + "A".repeat(8 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        goZip(zip(Map.of("GO-1.json", padded)));
        assertThat(Files.size(tmp.resolve("Go/all.zip"))).isLessThan(1 << 20);
        FeedException e = updateFails(new OsvZip.Limits(10, 1 << 20, 1L << 30));
        assertThat(e.getMessage()).contains("all.zip!GO-1.json").contains("inflates to more than 1048576 bytes");

        byte[] record = "{\"id\": \"GO-1\", \"affected\": []}".getBytes(StandardCharsets.UTF_8);
        goZip(zip(Map.of("a.json", record, "b.json", record, "c.json", record)));
        assertThat(updateFails(new OsvZip.Limits(2, 1 << 20, 1L << 30)).reason()).contains("more than 2 entries");
        assertThat(updateFails(new OsvZip.Limits(10, 1 << 20, 40)).reason()).contains("inflates to more than 40 bytes");
    }

    @Test
    void aDamagedRecordInsideTheZipIsNamedWithItsEntry() throws Exception {
        goZip(zip(Map.of("GO-2.json", "{\"id\": \"GO-2\", \"affected\": [".getBytes(StandardCharsets.UTF_8))));
        FeedException e = updateFails(OsvZip.Limits.DEFAULT);
        assertThat(e.subject()).endsWith("all.zip!GO-2.json");
        assertThat(e.reason()).contains("truncated JSON");
    }

    @Test
    void aRecordInSeveralEcosystemZipsIsOneAdvisoryWithRowsFromEach() throws Exception {
        byte[] record = """
                {"id": "GHSA-two-ecos", "affected": [
                  {"package": {"ecosystem": "npm", "name": "@scope/pkg"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.1"}]}]},
                  {"package": {"ecosystem": "NuGet", "name": "Scope.Pkg"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.1.2"}]}]}]}"""
                .getBytes(StandardCharsets.UTF_8);
        for (String eco : List.of("npm", "NuGet")) {
            Files.createDirectories(tmp.resolve(eco));
            Files.write(tmp.resolve(eco).resolve("all.zip"), zip(Map.of("GHSA-two-ecos.json", record)));
        }
        new OsvUpdater().update(new LocalFeedFetcher("osv", tmp), sink);
        assertThat(rows.advisories).hasSize(1);
        assertThat(rows.affected).extracting(AffectedPackage::namespace, AffectedPackage::name, AffectedPackage::scheme)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("npm", "@scope/pkg", "semver"),
                        org.assertj.core.groups.Tuple.tuple("NuGet", "scope.pkg", "nuget"));
        assertThat(match(rows, pkg("npm", "@scope/pkg", "1.0.0", Map.of()), pkg("nuget", "SCOPE.PKG", "1.0.1.1", Map.of()),
                pkg("nuget", "Scope.Pkg", "1.0.1.2", Map.of())))
                .extracting(f -> f.pkg().type() + " " + f.pkg().version() + " -> " + f.nearestFix().orElse(""))
                .containsExactlyInAnyOrder("npm 1.0.0 -> 1.0.1", "nuget 1.0.1.1 -> 1.0.1.2");
    }


    /** A fetcher "over HTTP" serving {@code tmp}'s files, answering 404 for the ecosystems in {@code gone}. */
    private FeedFetcher httpLike(Set<String> gone) {
        return new FeedFetcher() {
            public String source() { return "osv"; }
            public String baseUrl() { return OsvUpdater.BASE_URL; }
            public Path fetch(String path) throws FeedException {
                if (gone.contains(path.substring(0, path.indexOf('/')))) {
                    throw new FeedException("osv", baseUrl() + path, "not found (HTTP 404)");
                }
                return tmp.resolve(path);
            }
            public Optional<Path> fetchIfPresent(String path) throws FeedException { return Optional.of(fetch(path)); }
            public Path fetchUncached(String p, Map<String, String> h) throws FeedException { return fetch(p); }
            public boolean isLocal() { return false; }
            public List<String> list(String dir) { return List.of(); }
        };
    }

    private void ecosystemZip(String eco, String id, String name) throws IOException {
        byte[] record = ("{\"id\": \"" + id + "\", \"affected\": [{\"package\": {\"ecosystem\": \"" + eco
                + "\", \"name\": \"" + name + "\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": "
                + "[{\"introduced\": \"0\"}, {\"fixed\": \"2.0.0\"}]}]}]}").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(tmp.resolve(eco));
        Files.write(tmp.resolve(eco).resolve("all.zip"), zip(Map.of(id + ".json", record)));
    }

    @Test
    void oneEcosystemMissingFromAMirrorFailsAloneKeepsItsOlderDataAndTheOthersUpdate() throws Exception {
        ecosystemZip("npm", "GHSA-npm1-0000-0000", "left-pad");
        ecosystemZip("PyPI", "GHSA-pypi-0000-0001", "requests");
        List<OsvEcosystem> both = List.of(OsvEcosystem.NPM, OsvEcosystem.PYPI);
        Path db = tmp.resolve("vuln.db");
        java.util.function.Consumer<Set<String>> update = gone -> {
            try (io.plimsoll.vuln.store.StoreBuilder b = io.plimsoll.vuln.store.StoreBuilder.create(db)) {
                new OsvUpdater(both).update(httpLike(gone), b.sink("osv"));
                b.succeeded("osv", OsvUpdater.BASE_URL, Map.of(), "");
                b.commit();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        update.accept(Set.of());
        ecosystemZip("PyPI", "GHSA-pypi-0000-0002", "django");
        update.accept(Set.of("npm"));   // the mirror lost npm: PyPI still updates, npm keeps its older rows
        try (io.plimsoll.vuln.store.SqliteVulnStore store = io.plimsoll.vuln.store.SqliteVulnStore.open(db)) {
            io.plimsoll.vuln.store.SourceStatus osv = store.sources().stream().filter(s -> s.name().equals("osv"))
                    .findFirst().orElseThrow();
            assertThat(osv.failed()).isFalse();
            Map<String, io.plimsoll.vuln.store.SourceStatus> parts = new java.util.TreeMap<>();
            osv.parts().forEach(p -> parts.put(p.name(), p));
            assertThat(parts).containsOnlyKeys("osv/npm", "osv/PyPI");
            assertThat(parts.get("osv/npm").error()).hasValueSatisfying(e -> assertThat(e).contains("npm/all.zip",
                    "HTTP 404"));
            assertThat(parts.get("osv/npm").updatedAt()).isPresent();
            assertThat(parts.get("osv/PyPI").error()).isEmpty();
            assertThat(parts.get("osv/PyPI").updatedAt().get()).isAfter(parts.get("osv/npm").updatedAt().get());
            assertThat(store.affected("npm", "left-pad")).hasSize(1);
            assertThat(store.affected("PyPI", "django")).hasSize(1);
            // the gate judges an image by the parts it needs: npm's failure leaves its older data usable
            io.plimsoll.vuln.store.DataFreshness d = io.plimsoll.vuln.store.DataFreshness.of(db, store.sources(),
                    List.of("osv/npm", "osv/PyPI", "osv/Go"), java.time.Duration.ofHours(72), java.time.Instant.now());
            assertThat(d.missing()).containsExactly("osv/Go");
            assertThat(d.failed()).containsExactly("osv/npm");
            assertThat(d.stale()).isEmpty();
        }
        // no ecosystem at all: the whole source fails as before
        assertThatThrownBy(() -> new OsvUpdater(both).update(httpLike(Set.of("npm", "PyPI")), sink))
                .isInstanceOf(FeedException.class).hasMessageContaining("no ecosystem could be fetched");
    }

    @Test
    void anEcosystemPathThatIsNotARegularFileOrNoLongerThereFailsThatEcosystemAloneAndKeepsItsData() throws Exception {
        Path from = tmp.resolve("from");
        Path osv = from.resolve("osv");
        // Maven's zip is never in the folder: skipped, not failed
        List<OsvEcosystem> four = List.of(OsvEcosystem.NPM, OsvEcosystem.PYPI, OsvEcosystem.GO, OsvEcosystem.MAVEN);
        java.util.function.BiConsumer<String, String[]> write = (eco, idAndName) -> {
            try {
                byte[] record = ("{\"id\": \"" + idAndName[0] + "\", \"affected\": [{\"package\": {\"ecosystem\": \""
                        + eco + "\", \"name\": \"" + idAndName[1] + "\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\", "
                        + "\"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"2.0.0\"}]}]}]}").getBytes(StandardCharsets.UTF_8);
                Files.createDirectories(osv.resolve(eco));
                Files.write(osv.resolve(eco).resolve("all.zip"), zip(Map.of(idAndName[0] + ".json", record)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        write.accept("npm", new String[] {"GHSA-npm1", "left-pad"});
        write.accept("PyPI", new String[] {"GHSA-pypi1", "requests"});
        write.accept("Go", new String[] {"GO-1", "golang.org/x/net"});
        Path db = tmp.resolve("vuln.db");
        io.plimsoll.vuln.feed.UpdateRunner runner = new io.plimsoll.vuln.feed.UpdateRunner(
                List.of(new OsvUpdater(four)), io.plimsoll.vuln.feed.FeedProgress.NONE, 1);
        assertThat(runner.run(db, new io.plimsoll.vuln.feed.UpdateRunner.LocalDirectory(from)).allOk()).isTrue();

        // PyPI's zip replaced by a directory, Go's removed, npm updated
        Files.delete(osv.resolve("PyPI/all.zip"));
        Files.createDirectories(osv.resolve("PyPI/all.zip"));
        Files.delete(osv.resolve("Go/all.zip"));
        write.accept("npm", new String[] {"GHSA-npm2", "lodash"});
        io.plimsoll.vuln.feed.UpdateRunner.Report report = runner.run(db,
                new io.plimsoll.vuln.feed.UpdateRunner.LocalDirectory(from));
        assertThat(report.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.ok()).isFalse();
            assertThat(o.applied()).isTrue();
            assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).contains("osv/PyPI: "
                    + osv.resolve("PyPI/all.zip").toAbsolutePath() + ": not a regular file (a directory)", "osv/Go: "
                    + osv.resolve("Go/all.zip").toAbsolutePath() + ": no such file in the local feed folder",
                    "(its older data, if any, is kept; the other parts updated)").doesNotContain("Maven"));
        });
        try (io.plimsoll.vuln.store.SqliteVulnStore store = io.plimsoll.vuln.store.SqliteVulnStore.open(db)) {
            assertThat(store.affected("npm", "lodash")).hasSize(1);
            assertThat(store.affected("PyPI", "requests")).hasSize(1);          // failed: kept
            assertThat(store.affected("Go", "golang.org/x/net")).hasSize(1);    // gone from the folder: kept
            Map<String, io.plimsoll.vuln.store.SourceStatus> parts = new java.util.TreeMap<>();
            store.sources().get(0).parts().forEach(p -> parts.put(p.name(), p));
            assertThat(parts.get("osv/PyPI").error()).hasValueSatisfying(e -> assertThat(e).endsWith(
                    "not a regular file (a directory)"));
            assertThat(parts.get("osv/PyPI").records()).isEqualTo(1);
            assertThat(parts.get("osv/Go").error()).hasValueSatisfying(e -> assertThat(e).endsWith(
                    "no such file in the local feed folder"));
            assertThat(parts.get("osv/Go").records()).isEqualTo(1);
            assertThat(parts.get("osv/Maven")).satisfiesAnyOf(m -> assertThat(m).isNull(),
                    m -> assertThat(m.error()).isEmpty());
            assertThat(parts.get("osv/npm").error()).isEmpty();
        }
    }
}
