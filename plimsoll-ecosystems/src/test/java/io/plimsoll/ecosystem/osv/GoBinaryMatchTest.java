package io.plimsoll.ecosystem.osv;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.testing.Catalogs;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.testing.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Go executables of the shared corpus, cataloged by the registered catalogers, matched against the whole
 * real Go vulnerability database. The expected advisories were chosen by reading {@code osv/Go/all.zip} with
 * Python (zipfile + json, a Go-SemVer comparison written there: numbers, then prerelease identifiers, numeric
 * below alphanumeric), listing every non-withdrawn record whose stdlib or module range contains the version:
 * 80 for stdlib 1.19.8, 55 for stdlib 1.23.1, and for golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8 only
 * GO-2026-5024 (GO-2022-0493's fix is the earlier pseudo-version 0.0.0-20220412211240-33da011f77ad).
 */
class GoBinaryMatchTest {

    @TempDir
    static Path root;

    private static List<Package> packages;
    private static final RecordingSink feed = new RecordingSink();

    @BeforeAll
    static void catalogAndLoad() throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/local/bin"));
        for (String name : List.of("gosu", "esbuild-0.24.0")) {
            Path file = Files.copy(SharedCorpus.require("corpus/binaries/go/" + name), bin.resolve(name));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Inventory inv = Catalogs.scanDir(root, Ecosystems.catalogers().toArray(io.plimsoll.catalog.Cataloger[]::new));
        packages = inv.packages();
        new OsvUpdater(List.of(OsvEcosystem.GO)).update(new LocalFeedFetcher("osv", SharedCorpus.require("feeds/osv")),
                feed);
    }

    private static Map<String, Finding> findings(String name, String version) {
        Package p = packages.stream().filter(x -> x.name().equals(name) && x.version().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + version + " not cataloged: " + packages));
        return OsvTesting.match(feed, p).stream().collect(Collectors.toMap(f -> f.advisory().id(), f -> f));
    }

    @Test
    void stdlibAtGosusToolchain() {
        Map<String, Finding> found = findings("stdlib", "go1.19.8");
        assertThat(found).hasSize(80);
        Finding first = found.get("GO-2023-1751"); // fixed in 1.19.9 (and 1.20.4)
        assertThat(first.fixedVersions()).containsExactly("1.19.9");
        assertThat(first.status()).isEqualTo(AffectedStatus.FIXED);
        assertThat(first.matchedVersion()).isEqualTo("1.19.8"); // as OSV writes stdlib versions: no "go"
        assertThat(first.matchedBy()).isEqualTo("osv-go");
        // one range: [0, 1.20.0)
        assertThat(found.get("GO-2023-2375").fixedVersions()).containsExactly("1.20.0");
        // 1.19 was never fixed for the HTTP/2 CONTINUATION flood: the nearest fix is on the 1.21 branch
        assertThat(found.get("GO-2024-2687").fixedVersions()).containsExactly("1.21.9");
        assertThat(found.get("GO-2024-2687").advisory().cveIds()).containsExactly("CVE-2023-45288");
    }

    @Test
    void stdlibAtEsbuildsToolchainUsesTheMinusZeroBounds() {
        Map<String, Finding> found = findings("stdlib", "go1.23.1");
        assertThat(found).hasSize(55);
        // [0, 1.22.11) [1.23.0-0, 1.23.5) [1.24.0-0, 1.24.0-rc.2): 1.23.1 is in the second interval only
        assertThat(found.get("GO-2025-3373").fixedVersions()).containsExactly("1.23.5");
        // fixed in 1.21.9 and 1.22.2, both below 1.23.1
        assertThat(found).doesNotContainKey("GO-2024-2687");
    }

    @Test
    void modulesAtTheirPseudoVersions() {
        Map<String, Finding> found = findings("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8");
        assertThat(found.keySet()).containsExactly("GO-2026-5024");
        assertThat(found.get("GO-2026-5024").fixedVersions()).containsExactly("0.44.0");
        // the same module at a pseudo-version before GO-2022-0493's pseudo-version fix is affected by it too
        Package older = packages.stream().filter(p -> p.name().equals("golang.org/x/sys")).findFirst().orElseThrow();
        older = new Package(older.type(), older.name(), "v0.0.0-20220310020820-b874c991c1a5", older.arch(),
                older.sourceName(), older.sourceVersion(), older.licenses(), older.purl(), older.files(), older.foundBy(),
                older.location(), older.provenance(), older.metadata());
        assertThat(OsvTesting.match(feed, older)).extracting(f -> f.advisory().id())
                .contains("GO-2022-0493", "GO-2026-5024");
    }

    @Test
    void mainModulesWithoutAVersionAreNotLookedUp() {
        assertThat(findings("github.com/evanw/esbuild", "")).isEmpty();
        assertThat(findings("github.com/tianon/gosu", "")).isEmpty();
        assertThat(new OsvMatchRule(OsvEcosystem.GO).queries(packages.stream()
                .filter(p -> p.name().equals("github.com/evanw/esbuild")).findFirst().orElseThrow(), Optional.empty()))
                .isEmpty();
    }
}
