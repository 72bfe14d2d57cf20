package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.StoreBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate a CI job can trust, through a real process: it fails closed when the data the image needs is missing,
 * stale or unreadable (exit 2, naming what and how to get it) unless the gap is accepted explicitly; it refuses bad
 * options and files before reading a layer; and it takes the options Trivy users bring.
 */
class GateCliTest {

    private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
    private static final String ZLIB = "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\n"
            + "Source: zlib\nVersion: 1:1.2.13.dfsg-1\n\n";

    @TempDir
    Path tmp;

    private final java.util.Map<String, String> env = new java.util.HashMap<>();
    private int runs;

    @BeforeEach
    void setUp() {
        // every feed host is a closed local port: nothing leaves the machine
        for (String source : io.plimsoll.ecosystem.Ecosystems.updaters(java.util.Optional.empty()).stream()
                .map(io.plimsoll.vuln.feed.Updater::name).toList()) {
            env.put("PLIMSOLL_FEED_" + source.toUpperCase() + "_URL", "http://127.0.0.1:9/");
        }
    }

    /** {@code plimsoll ARGS} in a child JVM, each run in its own home below {@code tmp}. */
    private Result run(String... args) throws Exception {
        CliTest.Run r = CliProcess.run(tmp.resolve("run" + ++runs), env, args);
        return new Result(r.code(), r.out(), r.err());
    }

    private record Result(int code, String out, String err) {
        String firstErrorLine() {
            return CliProcess.firstLine(err);
        }
    }

    /** A Debian image with one OS package (zlib) and, when {@code npm}, one installed npm package. */
    private Path image(String name, boolean npm) {
        TestLayer layer = TestLayer.create().file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", ZLIB);
        if (npm) {
            layer = layer.file("usr/lib/node_modules/left-pad/package.json",
                    "{\"name\": \"left-pad\", \"version\": \"1.1.0\"}");
        }
        return TestImage.create().layer(layer, Compressor.GZIP, "/bin/sh -c #(nop) ADD file:debian in / ")
                .writeDockerArchive(tmp.resolve(name + ".tar"), "app:" + name);
    }

    /** Debian's data with a high fixable CVE in zlib; with {@code npmUpdated}, OSV's npm part updated then. */
    private Path database(Optional<String> npmUpdated) throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            TestDatabases.zlibCve(b.sink("debian"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            if (npmUpdated.isPresent()) {
                FeedSink osv = b.sink("osv");
                osv.advisory(Advisory.of("GHSA-0000-0000-0000", "osv"));
                osv.state(SourceStatus.partKey("npm", "updated"), npmUpdated.get());
                osv.state(SourceStatus.partKey("npm", "error"), "");
                osv.state(SourceStatus.partKey("PyPI", "updated"), java.time.Instant.now().toString());
                b.succeeded("osv", "https://osv-vulnerabilities.storage.googleapis.com/", Map.of(), "");
            }
            b.commit();
        }
        return db;
    }

    @Test
    void aGateWithoutAnyDataFailsClosedAndWithoutAGateTheInventoryStillPrints() throws Exception {
        Path img = image("app", true);
        env.put("PLIMSOLL_DB", tmp.resolve("none.db").toString());
        Result gated = run("scan", img.toString(), "--fail-on", "high", "--offline");
        assertThat(gated.code()).as(gated.err()).isEqualTo(2);
        assertThat(gated.firstErrorLine()).startsWith("plimsoll: cannot gate this image")
                .contains("debian, osv/npm (no vulnerability database)");
        assertThat(gated.err()).contains("db update --from DIR", "--allow-missing-data debian,osv/npm");
        assertThat(gated.out()).isEmpty();

        Result exitCode = run("scan", img.toString(), "--exit-code", "1", "--offline");
        assertThat(exitCode.code()).as(exitCode.err()).isEqualTo(2);

        Result plain = run("scan", img.toString(), "--offline");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("Packages         2", "vulnerability data is unavailable");

        Result accepted = run("scan", img.toString(), "--fail-on", "high", "--offline",
                "--allow-missing-data", "all", "--format", "json");
        assertThat(accepted.code()).as(accepted.err()).isZero();
        assertThat(new ObjectMapper().readTree(accepted.out()).path("notes").toString())
                .contains("accepted missing data (--allow-missing-data): debian", "osv/npm");
    }

    @Test
    void theDataIsJudgedPerSourceAndPerOsvEcosystemFromWhatTheImageHolds() throws Exception {
        String db = database(Optional.empty()).toString();
        // only Debian packages: Debian's data is all it needs, and the CVE stops it
        Result osOnly = run("scan", image("os", false).toString(), "--db", db, "--fail-on", "high");
        assertThat(osOnly.code()).as(osOnly.err()).isEqualTo(1);
        assertThat(osOnly.out()).contains("CVE-2022-37434");

        // an npm package too, and no OSV data: exit 2 naming osv/npm only
        Path img = image("app", true);
        Result missing = run("scan", img.toString(), "--db", db, "--fail-on", "high");
        assertThat(missing.code()).as(missing.err()).isEqualTo(2);
        assertThat(missing.firstErrorLine()).contains("osv/npm (no data)").doesNotContain("debian");
        assertThat(missing.out()).isEmpty();

        Result accepted = run("scan", img.toString(), "--db", db, "--fail-on", "high",
                "--allow-missing-data", "osv", "--format", "json");
        assertThat(accepted.code()).as(accepted.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(accepted.out());
        assertThat(json.path("notes").toString()).contains("accepted missing data (--allow-missing-data): osv/npm");
    }

    @Test
    void staleDataThatTheImageNeedsFailsClosedAndMaxAgeSetsTheLimit() throws Exception {
        String db = database(Optional.of("2020-01-01T00:00:00Z")).toString();
        Path img = image("app", true);
        Result stale = run("scan", img.toString(), "--db", db, "--fail-on", "critical");
        assertThat(stale.code()).as(stale.err()).isEqualTo(2);
        assertThat(stale.firstErrorLine()).contains("osv/npm (data", "days old, older than the limit of 3 days)")
                .doesNotContain("debian").doesNotContain("PyPI");
        Result longer = run("scan", img.toString(), "--db", db, "--fail-on", "critical",
                "--max-age", "100000d");
        assertThat(longer.code()).as(longer.err()).isZero();
    }

    @Test
    void aReleaseItsDistrosFeedDoesNotPublishFailsClosedNamingTheRelease() throws Exception {
        // Amazon Linux 1: the amazon feed has AL2 and AL2023 only, so its data being there covers nothing here
        Path db = amazonDatabase();
        Path al1 = amazonSbom("2018.03");
        Result gated = run("scan", "sbom:" + al1, "--db", db.toString(), "--fail-on", "high");
        assertThat(gated.code()).as(gated.err()).isEqualTo(2);
        assertThat(gated.firstErrorLine()).contains("amzn:2018.03 (Plimsoll has no vulnerability feed for this release");
        assertThat(gated.err()).contains("--allow-missing-data amzn:2018.03");
        assertThat(gated.out()).isEmpty();

        Result plain = run("scan", "sbom:" + al1, "--db", db.toString(), "--format", "json");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(new ObjectMapper().readTree(plain.out()).path("notes").toString())
                .contains("no vulnerability feed for amzn 2018.03: its OS packages were not checked");

        Result accepted = run("scan", "sbom:" + al1, "--db", db.toString(), "--fail-on", "high",
                "--allow-missing-data", "amzn");
        assertThat(accepted.code()).as(accepted.err()).isZero();

        Result al2 = run("scan", "sbom:" + amazonSbom("2"), "--db", db.toString(), "--fail-on", "high");
        assertThat(al2.code()).as(al2.err()).isZero();
    }

    @Test
    void aReleaseTheFeedHasNoRowsForFailsClosedNamingTheRelease() throws Exception {
        // the amazon feed is there and fresh, and declares AL2023, but this database holds only AL2 rows: an AL2023
        // image's "no findings" would mean "not checked"
        Path db = amazonDatabase();
        Path al2023 = amazonSbom("2023");
        Result gated = run("scan", "sbom:" + al2023, "--db", db.toString(), "--fail-on", "high");
        assertThat(gated.code()).as(gated.err()).isEqualTo(2);
        assertThat(gated.firstErrorLine()).contains("amzn:2023 (the feed has no data for this release");
        assertThat(gated.err()).contains("--allow-missing-data amzn:2023");

        Result plain = run("scan", "sbom:" + al2023, "--db", db.toString(), "--format", "json");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(new ObjectMapper().readTree(plain.out()).path("notes").toString())
                .contains("the vulnerability data has no entries for amzn:2023: its OS packages were not checked");

        Result accepted = run("scan", "sbom:" + al2023, "--db", db.toString(), "--fail-on", "high",
                "--allow-missing-data", "amzn:2023");
        assertThat(accepted.code()).as(accepted.err()).isZero();
        Result al2 = run("scan", "sbom:" + amazonSbom("2"), "--db", db.toString(), "--fail-on", "high");
        assertThat(al2.code()).as(al2.err()).isZero();
    }

    @Test
    void aPackageFromAnAmazonExtrasTopicThatWasNeverReadFailsClosedNamingTheTopic() throws Exception {
        // the amazon feed read core and the docker topic; nginx1 was not in the list
        Path db = Files.createTempFile(tmp, "amazon", ".db");
        Files.delete(db);
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink amazon = b.sink("amazon");
            amazon.advisory(Advisory.of("ALAS2DOCKER-2023-024", "amazon"));
            amazon.affected(new AffectedPackage("ALAS2DOCKER-2023-024", "amazon", "amzn:2:extras:docker", "docker",
                    "rpm", AffectedStatus.FIXED, List.of(VersionRange.fixedIn("20.10.25-1.amzn2.0.4")), List.of(),
                    Optional.empty(), "important"));
            amazon.state(SourceStatus.partKey("extras/docker", "updated"), java.time.Instant.now().toString());
            amazon.state(SourceStatus.partKey("extras/docker", "records"), "1");
            b.succeeded("amazon", "https://cdn.amazonlinux.com/", Map.of(), "");
            b.commit();
        }
        Path sbom = Files.writeString(tmp.resolve("al2-extras.cdx.json"), "{\"bomFormat\": \"CycloneDX\", "
                + "\"specVersion\": \"1.5\", \"version\": 1, \"components\": ["
                + component("docker", "20.10.25-1.amzn2.0.3", "amzn2extra-docker") + ", "
                + component("nginx", "1.22.1-1.amzn2.0.3", "amzn2extra-nginx1") + "]}");

        Result gated = run("scan", "sbom:" + sbom, "--db", db.toString(), "--fail-on", "critical");
        assertThat(gated.code()).as(gated.err()).isEqualTo(2);
        assertThat(gated.firstErrorLine()).endsWith("missing or stale: amazon/extras/nginx1 (no data)");
        assertThat(gated.err()).contains("--allow-missing-data amazon/extras/nginx1 ");

        Result accepted = run("scan", "sbom:" + sbom, "--db", db.toString(), "--fail-on", "critical",
                "--allow-missing-data", "amazon/extras/nginx1", "--format", "json");
        assertThat(accepted.code()).as(accepted.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(accepted.out());
        assertThat(report.path("notes").toString())
                .contains("accepted missing data (--allow-missing-data): amazon/extras/nginx1 (no data)");
        assertThat(report.toString()).contains("ALAS2DOCKER-2023-024");
    }

    /** A CycloneDX component of one Amazon Linux 2 rpm that yum installed from {@code repository}. */
    private static String component(String name, String version, String repository) {
        return "{\"type\": \"library\", \"name\": \"" + name + "\", \"version\": \"" + version + "\", \"purl\": "
                + "\"pkg:rpm/amazon/" + name + "@" + version + "?arch=x86_64&distro=amzn-2&repository_id=" + repository
                + "\"}";
    }

    /** A fresh amazon feed with one AL2 row (for another package than the SBOMs'), and none for other releases. */
    private Path amazonDatabase() throws Exception {
        Path db = Files.createTempFile(tmp, "amazon", ".db");
        Files.delete(db);
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink amazon = b.sink("amazon");
            amazon.advisory(Advisory.of("ALAS2-2018-942", "amazon"));
            amazon.affected(new AffectedPackage("ALAS2-2018-942", "amazon", "amzn:2", "bash", "rpm",
                    AffectedStatus.FIXED, List.of(VersionRange.fixedIn("4.2.46-30.amzn2")), List.of(),
                    Optional.empty(), "medium"));
            b.succeeded("amazon", "https://cdn.amazonlinux.com/", Map.of(), "");
            b.commit();
        }
        return db;
    }

    /** A CycloneDX SBOM of one Amazon Linux rpm, the release given by the PURL's {@code distro} qualifier. */
    private Path amazonSbom(String versionId) throws Exception {
        String purl = "pkg:rpm/amazon/openssl@1.0.2k-16.amzn?arch=x86_64&distro=amzn-" + versionId;
        return Files.writeString(tmp.resolve("amzn-" + versionId + ".cdx.json"), "{\"bomFormat\": \"CycloneDX\", "
                + "\"specVersion\": \"1.5\", \"version\": 1, \"components\": [{\"type\": \"library\", "
                + "\"name\": \"openssl\", \"version\": \"1.0.2k-16.amzn\", \"purl\": \"" + purl + "\"}]}");
    }

    @Test
    void aDatabasePathThatDoesNotExistOrIsNotADatabaseIsAnError() throws Exception {
        Path img = image("app", false);
        Path nowhere = tmp.resolve("no/such/dir/vuln.db");
        Result missing = run("scan", img.toString(), "--db", nowhere.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.firstErrorLine()).contains(nowhere.toString(), "no such vulnerability database",
                "db update");
        assertThat(tmp.resolve("no")).doesNotExist();
        assertThat(missing.out()).isEmpty();

        Path text = Files.writeString(tmp.resolve("hostname"), "build-host-7\n");
        Result notDb = run("scan", img.toString(), "--db", text.toString());
        assertThat(notDb.code()).isEqualTo(2);
        assertThat(notDb.firstErrorLine()).contains(text.toString());
        assertThat(notDb.err()).doesNotContain("Exception", "\tat ");
        assertThat(notDb.out()).isEmpty();
        assertThat(Files.readString(text)).isEqualTo("build-host-7\n");
    }

    @Test
    void exitCodeSeverityListsAndPlainOutputFilesWorkAsTrivyUsersExpect() throws Exception {
        String db = database(Optional.empty()).toString();
        String img = image("os", false).toString();
        assertThat(run("scan", img, "--db", db, "--exit-code", "5").code()).isEqualTo(5);
        assertThat(run("scan", img, "--db", db, "--exit-code", "5", "--severity", "critical").code()).isZero();
        assertThat(run("scan", img, "--db", db, "--exit-code", "5", "--severity", "HIGH,CRITICAL",
                "--ignore-unfixed").code()).isEqualTo(5);
        assertThat(run("scan", img, "--db", db, "--exit-code", "5", "--severity", "LOW,MEDIUM").code())
                .isZero();

        Path report = tmp.resolve("r.json");
        Result toFile = run("scan", img, "--db", db, "--format", "json", "-o", report.toString());
        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(report.toFile()).path("findings").toString()).contains("CVE-2022-37434");

        Result version = run("version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("plimsoll ");
    }

    @Test
    void badOptionsAndFilesAreRefusedBeforeAnyLayerIsRead() throws Exception {
        // the image is not an image at all: each error below must come first, naming its own file
        Path junk = Files.writeString(tmp.resolve("junk.tar"), "not a tar");
        String db = database(Optional.empty()).toString();
        Path noDir = tmp.resolve("no/dir/r.json");
        Result output = run("scan", junk.toString(), "--db", db, "-o", "json=" + noDir);
        assertThat(output.code()).isEqualTo(2);
        assertThat(output.firstErrorLine()).contains("cannot write the json report", noDir.toString());

        Result vex = run("scan", junk.toString(), "--db", db, "--vex", "missing.json");
        assertThat(vex.code()).isEqualTo(2);
        assertThat(vex.firstErrorLine()).contains("missing.json");

        Result allowlist = run("scan", junk.toString(), "--db", db, "--fail-on", "high",
                "--allowlist", "nope.json");
        assertThat(allowlist.code()).isEqualTo(2);
        assertThat(allowlist.firstErrorLine()).contains("nope.json");

        Result conflict = run("scan", junk.toString(), "--offline", "--server",
                "http://127.0.0.1:9");
        assertThat(conflict.code()).isEqualTo(2);
        assertThat(conflict.firstErrorLine()).contains("--offline and --server");

        Path config = Files.writeString(tmp.resolve("config.yaml"), "db:\n  path: " + db + "\n  max_age: 3d\n");
        env.put("PLIMSOLL_CONFIG", config.toString());
        Result key = run("scan", junk.toString());
        assertThat(key.code()).isEqualTo(2);
        assertThat(key.firstErrorLine()).contains(config.toString(), "line 3", "unknown setting 'db.max_age'");
        env.remove("PLIMSOLL_CONFIG");

        Result platform = run("scan", image("os", false).toString(), "--db", db,
                "--platform", "linux/arm64", "-o", "json=" + tmp.resolve("never.json"));
        assertThat(platform.code()).isEqualTo(2);
        assertThat(platform.firstErrorLine()).contains("no image for platform linux/arm64",
                "available: linux/amd64");
        assertThat(tmp.resolve("never.json")).doesNotExist();
        assertThat(platform.out()).isEmpty();
    }

    @Test
    void anOptionErrorIsOneLineAndAHint() throws Exception {
        Result typo = run("scan", "--severty", "high", "x.tar");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.firstErrorLine()).startsWith("plimsoll: Unknown option").contains("'--severty'");
        assertThat(typo.err()).contains("plimsoll scan --help");
        assertThat(typo.err().lines().count()).isLessThanOrEqualTo(4);
        assertThat(typo.out()).isEmpty();
    }

    @Test
    void skippedDirectoriesAndFilesAreNotCataloguedAndSbomWritesToAFile() throws Exception {
        String img = image("app", true).toString();
        Path sbom = tmp.resolve("sbom.json");
        Result all = run("sbom", img, "--format", "json", "--output", sbom.toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).isEmpty();
        assertThat(Files.readString(sbom)).contains("left-pad", "zlib1g");
        Result skipped = run("sbom", img, "--format", "json", "--skip-dirs", "usr/lib/node_modules");
        assertThat(skipped.out()).doesNotContain("left-pad").contains("zlib1g");
        Result skippedFile = run("sbom", img, "--format", "json", "--skip-files",
                "**/left-pad/package.json");
        assertThat(skippedFile.out()).doesNotContain("left-pad").contains("zlib1g");
    }

    @Test
    void quietPrintsNothingButErrorsOnStandardError() throws Exception {
        // a feed mirror that has nothing (404 is not retried): the first scan's update fails fast
        com.sun.net.httpserver.HttpServer mirror = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        mirror.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        mirror.start();
        try {
            for (String source : io.plimsoll.ecosystem.Ecosystems.updaters(java.util.Optional.empty()).stream()
                    .map(io.plimsoll.vuln.feed.Updater::name).toList()) {
                env.put("PLIMSOLL_FEED_" + source.toUpperCase() + "_URL",
                        "http://127.0.0.1:" + mirror.getAddress().getPort() + "/" + source + "/");
            }
            env.put("PLIMSOLL_DB", tmp.resolve("auto.db").toString());
            String img = image("os", false).toString();
            Result loud = run("scan", img);
            assertThat(loud.err()).contains("running 'plimsoll db update' first");
            Files.deleteIfExists(tmp.resolve("auto.db"));
            Result quiet = run("scan", img, "-q");
            assertThat(quiet.code()).as(quiet.err()).isZero();
            assertThat(quiet.err()).isEmpty();
            assertThat(quiet.out()).contains("Packages         1");
        } finally {
            mirror.stop(0);
        }
    }
}
