package io.plimsoll.ecosystem.osv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.VersionSchemes;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.ecosystem.testing.Catalogs;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.Advisor;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.advice.PackageAdvice;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.match.Matcher;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import io.plimsoll.vuln.testing.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advice for the real Go executables of the shared corpus against the whole real Go vulnerability database. The
 * expected targets are computed here from the raw OSV records with a SemVer order written in this test (not the
 * updater's rows, not the engine's scheme): every fixed version above the installed one, the smallest that no
 * non-withdrawn record's range contains.
 */
class GoAdviceTest {

    @TempDir
    static Path root;

    private static Advice advice;
    private static List<JsonNode> records;

    @BeforeAll
    static void adviseOnTheBinaries() throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/local/bin"));
        for (String name : List.of("gosu", "esbuild-0.24.0")) {
            Path file = Files.copy(SharedCorpus.require("corpus/binaries/go/" + name), bin.resolve(name));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Inventory inv = Catalogs.scanDir(root, Ecosystems.catalogers().toArray(Cataloger[]::new));
        RecordingSink feed = new RecordingSink();
        Path osv = SharedCorpus.require("feeds/osv");
        new OsvUpdater(List.of(OsvEcosystem.GO)).update(new LocalFeedFetcher("osv", osv), feed);
        MemoryVulnStore store = new MemoryVulnStore(feed);
        List<Finding> findings = new Matcher(store, Ecosystems.matchRules(), VersionSchemes::byName)
                .match(inv.packages(), Optional.empty());
        advice = new Advisor(store, Ecosystems.matchRules(), VersionSchemes::byName, Ecosystems::upgradeCommand)
                .advise(inv.image(), findings, BaseImage.of(inv.image()));
        records = read(osv.resolve("Go/all.zip"));
    }

    @Test
    void stdlibOfGosuGoesToTheSmallestCleanToolchain() {
        PackageAdvice stdlib = advice("stdlib", "go1.19.8");
        String expected = expectedTarget("stdlib", "1.19.8");
        assertThat(stdlib.target()).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo(expected);
            assertThat(t.clean()).isTrue();
            assertThat(t.clears()).hasSize(80); // every finding of GoBinaryMatchTest
        });
        assertThat(stdlib.command()).hasValue("rebuild with Go go" + expected + " (go get toolchain@go" + expected + ")");
    }

    @Test
    void stdlibOfEsbuild() {
        PackageAdvice stdlib = advice("stdlib", "go1.23.1");
        assertThat(stdlib.target()).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo(expectedTarget("stdlib", "1.23.1"));
            assertThat(t.clears()).hasSize(55);
        });
    }

    @Test
    void golangXSysAtAPseudoVersion() {
        PackageAdvice sys = advice("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8");
        String expected = expectedTarget("golang.org/x/sys", "0.0.0-20220715151400-c0bba94af5f8");
        assertThat(sys.target()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(expected));
        assertThat(sys.command()).hasValue("go get golang.org/x/sys@v" + expected);
        assertThat(advice.summary()).startsWith("3 upgrades clear 136 of 136 fixable findings");
    }

    private static PackageAdvice advice(String name, String version) {
        return advice.packages().stream().filter(p -> p.pkg().name().equals(name) && p.pkg().version().equals(version))
                .findFirst().orElseThrow(() -> new AssertionError(name + " " + version + ": no advice"));
    }

    /** The smallest fixed version above {@code installed} that no record affects, by the raw records. */
    private static String expectedTarget(String name, String installed) {
        List<String[]> ranges = new ArrayList<>(); // introduced, fixed, last_affected
        for (JsonNode r : records) {
            if (r.hasNonNull("withdrawn")) {
                continue;
            }
            for (JsonNode a : r.path("affected")) {
                if (!a.path("package").path("ecosystem").asText().equals("Go")
                        || !a.path("package").path("name").asText().equals(name)) {
                    continue;
                }
                for (JsonNode range : a.path("ranges")) {
                    if (!range.path("type").asText().equals("SEMVER")) {
                        continue;
                    }
                    String introduced = null;
                    boolean open = false;
                    for (JsonNode e : range.path("events")) {
                        if (e.has("introduced")) {
                            introduced = e.get("introduced").asText();
                            open = true;
                        } else if (e.has("fixed")) {
                            ranges.add(new String[] {introduced, e.get("fixed").asText(), null});
                            open = false;
                        } else if (e.has("last_affected")) {
                            ranges.add(new String[] {introduced, null, e.get("last_affected").asText()});
                            open = false;
                        }
                    }
                    if (open) {
                        ranges.add(new String[] {introduced, null, null});
                    }
                }
            }
        }
        return ranges.stream().map(r -> r[1]).filter(f -> f != null && SEMVER.compare(f, installed) > 0).distinct()
                .sorted(SEMVER).filter(c -> ranges.stream().noneMatch(r -> contains(r, c))).findFirst()
                .orElseThrow();
    }

    private static boolean contains(String[] range, String v) {
        if (range[0] != null && !range[0].equals("0") && SEMVER.compare(v, range[0]) < 0) {
            return false;
        }
        if (range[1] != null) {
            return SEMVER.compare(v, range[1]) < 0;
        }
        return range[2] == null || SEMVER.compare(v, range[2]) <= 0;
    }

    /** SemVer 2.0 precedence: core numbers, then a release above its pre-releases, identifiers numeric below alpha. */
    static final Comparator<String> SEMVER = (x, y) -> {
        String[] a = x.replaceFirst("^v", "").split("\\+")[0].split("-", 2);
        String[] b = y.replaceFirst("^v", "").split("\\+")[0].split("-", 2);
        long[] ca = Arrays.stream(a[0].split("\\.")).mapToLong(Long::parseLong).toArray();
        long[] cb = Arrays.stream(b[0].split("\\.")).mapToLong(Long::parseLong).toArray();
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(i < ca.length ? ca[i] : 0, i < cb.length ? cb[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        if (a.length == 1 || b.length == 1) {
            return Integer.compare(b.length, a.length);
        }
        String[] pa = a[1].split("\\.");
        String[] pb = b[1].split("\\.");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            boolean na = pa[i].matches("\\d+");
            boolean nb = pb[i].matches("\\d+");
            int c = na && nb ? new java.math.BigInteger(pa[i]).compareTo(new java.math.BigInteger(pb[i]))
                    : na ? -1 : nb ? 1 : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    };

    private static List<JsonNode> read(Path zip) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                out.add(json.readTree(z.getInputStream(e.nextElement())));
            }
        }
        return out;
    }
}
