package io.plimsoll.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.policy.Action;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreBuilder;
import io.plimsoll.vuln.suppress.IgnoreFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan pipeline without a command line: a real image archive, a real SQLite store, a real policy. */
class ScanServiceTest {

    private static final String CVE = "CVE-2022-37434";
    private static final Set<String> FEEDS = Set.of("debian", "osv");

    @TempDir
    Path tmp;

    @Test
    void aFixableHighCveInTheImageStopsTheFailOnPolicyUnlessTheIgnoreFileTakesItOut() throws Exception {
        Path db = debianZlib();
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            LocalFindings local = new LocalFindings(Optional.of(store), db);
            ScanResult stopped = scanImage(request(local, failOnHigh(), DataGate.STRICT));
            assertThat(stopped.report().findings()).extracting(f -> f.advisory().id()).containsExactly(CVE);
            assertThat(stopped.finalAction()).contains(Action.STOP);
            assertThat(stopped.report().data().missing()).isEmpty();

            Path ignore = Files.writeString(tmp.resolve(".plimsollignore"), CVE + " # fixed in our build\n");
            List<String> warnings = new ArrayList<>();
            ScanResult ignored = scanImage(new ScanRequest(local, FEEDS, Duration.ofHours(72), true, DataGate.STRICT,
                    failOnHigh(), SkippedPaths.NONE, List.of(), Optional.of(IgnoreFile.read(ignore)), s -> true,
                    false, Optional.empty(), "test", warnings::add));
            assertThat(ignored.report().findings()).isEmpty();
            assertThat(ignored.report().suppressed()).hasSize(1);
            assertThat(ignored.stopped()).isFalse();
            assertThat(ignored.report().notes()).anyMatch(n -> n.startsWith("1 finding ignored by"));
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void aDamagedPackageDatabaseIsANoteOfTheReportAndTheScanGoesOn() throws Exception {
        Path db = debianZlib();
        Path archive = tmp.resolve("damaged.tar");
        byte[] junk = new byte[16384];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        TestImage.create().layer(TestLayer.create()
                        .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                        .file("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\n"
                                + "Architecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n")
                        .file("var/lib/rpm/rpmdb.sqlite", junk, 0644), Compressor.GZIP)
                .writeDockerArchive(archive, "damaged:1");
        try (SqliteVulnStore store = SqliteVulnStore.open(db);
             ImageSource source = ImageSources.open(ImageReferences.parse("docker-archive:" + archive),
                     ImageOptions.DEFAULT)) {
            ScanResult r = new ScanService(request(new LocalFindings(Optional.of(store), db), failOnHigh(),
                    DataGate.STRICT)).scan(new ScanInput.OpenedImage(source, new LayerWalker(1,
                    ImageOptions.DEFAULT.limits())));
            assertThat(r.report().findings()).extracting(f -> f.advisory().id()).containsExactly(CVE);
            assertThat(r.report().notes()).anySatisfy(n -> assertThat(n).startsWith("/var/lib/rpm/rpmdb.sqlite: ")
                    .endsWith("(damaged rpm database: its packages are not listed)"));
        }
    }

    @Test
    void aGateWithoutDataFailsClosedNamingTheSourceAndAcceptsTheGapOnlyWhenToldTo() throws Exception {
        LocalFindings none = new LocalFindings(Optional.empty(), tmp.resolve("none.db"));
        assertThatThrownBy(() -> scanImage(request(none, failOnHigh(), DataGate.STRICT)))
                .isInstanceOf(ScanException.class)
                .hasMessageStartingWith("cannot gate this image: data it needs is missing or stale: debian "
                        + "(no vulnerability database)");

        ScanResult accepted = scanImage(request(none, failOnHigh(), DataGate.parse(List.of("debian"))));
        assertThat(accepted.report().notes()).contains("accepted missing data (--allow-missing-data): debian "
                + "(no vulnerability database)");
        assertThat(accepted.finalAction()).contains(Action.GO);

        ScanResult ungated = scanImage(new ScanRequest(none, FEEDS, Duration.ofHours(72), false, DataGate.STRICT,
                Optional.empty(), SkippedPaths.NONE, List.of(), Optional.empty(), s -> true, false, Optional.empty(),
                "test", w -> { }));
        assertThat(ungated.report().dataProblem()).contains("no vulnerability database at " + tmp.resolve("none.db"));
        assertThat(ungated.report().inventory().packages()).extracting(p -> p.name()).contains("zlib1g");
        assertThat(ungated.finalAction()).isEmpty();
    }

    @Test
    void aFindingSourceSeesTheImageBeforeAndAfterTheWalkAndAnSbomNever() throws Exception {
        List<String> calls = new ArrayList<>();
        FindingSource recording = new FindingSource() {
            @Override
            public void beforeWalk(ImageSource source) {
                calls.add("before " + source.image().layers().size());
            }

            @Override
            public void afterWalk(ImageSource source) {
                calls.add("after");
            }

            @Override
            public DataFreshness freshness(List<String> expected, Duration maxAge, Instant now) {
                calls.add("freshness " + expected);
                return DataFreshness.unavailable(expected, maxAge);
            }

            @Override
            public List<Finding> findings(Inventory inventory) {
                calls.add("findings " + inventory.packages().size());
                return List.of();
            }
        };
        ScanResult image = scanImage(request(recording, Optional.empty(), DataGate.STRICT));
        assertThat(calls).containsExactly("before 1", "after", "freshness [debian]", "findings 1");

        calls.clear();
        new ScanService(request(recording, Optional.empty(), DataGate.STRICT))
                .scan(new ScanInput.Sbom(image.report().inventory()));
        assertThat(calls).containsExactly("freshness [debian]", "findings 1");
    }

    /** Gated when there is a policy; no VEX, no ignore file, every severity shown. */
    private static ScanRequest request(FindingSource findings, Optional<PolicyCheck> policy, DataGate gate) {
        return new ScanRequest(findings, FEEDS, Duration.ofHours(72), policy.isPresent(), gate, policy,
                SkippedPaths.NONE, List.of(), Optional.empty(), s -> true, false, Optional.empty(), "test", w -> { });
    }

    private static Optional<PolicyCheck> failOnHigh() {
        return Optional.of(PolicyCheck.load(List.of(), List.of(), "high", false, null, List.of(), null, List.of(),
                "10MiB"));
    }

    /** A Debian 12 image holding zlib 1:1.2.13.dfsg-1, opened as the CLI opens a docker archive. */
    private ScanResult scanImage(ScanRequest request) throws Exception {
        Path archive = tmp.resolve("app.tar");
        if (!Files.exists(archive)) {
            TestLayer layer = TestLayer.create()
                    .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                    .file("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\n"
                            + "Architecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n");
            TestImage.create().layer(layer, Compressor.GZIP, "ADD file:debian in /")
                    .writeDockerArchive(archive, "app:1");
        }
        try (ImageSource source = ImageSources.open(ImageReferences.parse("docker-archive:" + archive),
                ImageOptions.DEFAULT)) {
            return new ScanService(request).scan(new ScanInput.OpenedImage(source,
                    new LayerWalker(1, ImageOptions.DEFAULT.limits())));
        }
    }

    /** Debian's data with CVE-2022-37434: zlib on Debian 12 before 1:1.2.13.dfsg-2, high, fixed. */
    private Path debianZlib() throws Exception {
        Path file = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(file)) {
            var debian = b.sink("debian");
            debian.advisory(Advisory.of(CVE, "debian"));
            debian.affected(new AffectedPackage(CVE, "debian", "debian:12", "zlib", "deb", AffectedStatus.FIXED,
                    List.of(VersionRange.fixedIn("1:1.2.13.dfsg-2")), List.of(), Optional.empty(), "high"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            b.commit();
        }
        return file;
    }
}
