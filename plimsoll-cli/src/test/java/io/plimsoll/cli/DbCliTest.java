package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.ecosystem.amazon.AmazonFeedTree;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.feed.FeedSink;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.store.StoreBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.extension.ExtendWith(IsolatedSettings.class)
class DbCliTest {

    @TempDir
    Path tmp;


    private Path database() throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink sink = b.sink("debian");
            sink.advisory(Advisory.of("CVE-2024-0001", "debian"));
            sink.affected(AffectedPackage.fixedIn("CVE-2024-0001", "debian", "debian:12", "zlib", "deb", "1:1.3-1"));
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "sha256:x");
            b.commit();
        }
        return db;
    }

    private Path image() {
        return TestImage.create()
                .layer(TestLayer.create().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
                        .file("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\n"
                                + "Architecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n"),
                        Compressor.GZIP, "/bin/sh -c #(nop) ADD file:debian in / ")
                .writeDockerArchive(tmp.resolve("debian.tar"), "deb:12");
    }

    @Test
    void statusShowsEachSourceAndWhatIsMissing() throws Exception {
        Path db = database();
        CliTest.Run r = CliTest.run("db", "status", "--db", db.toString(), "--verify");
        assertThat(r.out()).contains("Database: " + db);
        assertThat(r.out().lines())
                .anySatisfy(line -> assertThat(line).matches("debian +\\d+ (s|min) ago +1 +1 +0 +ok"));
        assertThat(r.out().lines()).contains("debian  https://security-tracker.debian.org/");
        // every other registered source has no data yet: exit 1, and the message says how to get it
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines()).anySatisfy(line -> assertThat(line).matches("alpine +never +0 +0 +0 +missing"));
        assertThat(r.out().replaceAll("\\s+", " ")).contains("no data for alpine", "db update --from DIR",
                "db import FILE");
    }

    @Test
    void updateFromAFolderWithoutFeedFoldersIsAnInputErrorAndWritesNoDatabase() throws Exception {
        Path db = tmp.resolve("data/vuln.db");
        Path empty = Files.createDirectories(tmp.resolve("feeds"));
        CliTest.Run none = CliProcess.run(tmp.resolve("run1"), Map.of(), "db", "update", "--db", db.toString(),
                "--from", empty.toString());
        assertThat(none.code()).as(none.err()).isEqualTo(2);
        assertThat(CliProcess.firstLine(none.err())).startsWith("plimsoll: " + empty + ": no feed folder in it "
                + "(expected debian/, ").contains("alpine/", "osv/", "epss/");
        assertThat(none.out()).isEmpty();

        CliTest.Run typo = CliProcess.run(tmp.resolve("run2"), Map.of(), "db", "update", "--db", db.toString(),
                "--from", tmp.resolve("feedz").toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(CliProcess.firstLine(typo.err())).startsWith("plimsoll: " + tmp.resolve("feedz")
                + ": no such directory (expected a folder holding debian/, ");

        // a folder for another source than the ones asked for is the same mistake
        Files.createDirectories(empty.resolve("alpine"));
        CliTest.Run other = CliProcess.run(tmp.resolve("run3"), Map.of(), "db", "update", "--db", db.toString(),
                "--source", "debian,kev", "--from", empty.toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(CliProcess.firstLine(other.err())).isEqualTo("plimsoll: " + empty + ": no feed folder in it "
                + "(expected debian/, kev/, each laid out as below the source's base URL, e.g. osv/Go/all.zip)");
        assertThat(db.getParent()).doesNotExist();
    }

    @Test
    void anUpdateWhoseEverySourceFailedSaysNothingWasUpdated() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path feeds = tmp.resolve("feeds");
        Path debian = feeds.resolve("debian/tracker/data/json");
        Files.createDirectories(debian.getParent());
        Files.writeString(debian, "<html>captive portal</html>");
        Files.createDirectories(feeds.resolve("kev"));
        Files.writeString(feeds.resolve("kev/known_exploited_vulnerabilities.json"), "{\"truncated\": ");
        String[] update = {"db", "update", "--db", db.toString(), "--source", "debian,kev", "--from", feeds.toString()};

        CliTest.Run failed = CliProcess.run(tmp.resolve("run1"), Map.of(), update);
        assertThat(failed.code()).as(failed.err()).isEqualTo(1);
        assertThat(CliProcess.firstLine(failed.out()))
                .isEqualTo("Nothing was updated: all 2 sources failed; " + db + " holds no vulnerability data");
        assertThat(failed.out()).doesNotContain("Updated").contains("FAILED", "No source could be updated");

        // one source good: today's partial update, "Updated" and exit 1
        Files.writeString(debian, "{\"zlib\":{\"CVE-2024-0001\":{\"description\":\"x\",\"scope\":\"local\","
                + "\"releases\":{\"bookworm\":{\"status\":\"resolved\",\"repositories\":{},"
                + "\"fixed_version\":\"1:1.3-1\",\"urgency\":\"low\"}}}}}");
        CliTest.Run partial = CliProcess.run(tmp.resolve("run2"), Map.of(), update);
        assertThat(partial.code()).as(partial.err()).isEqualTo(1);
        assertThat(CliProcess.firstLine(partial.out())).startsWith("Updated " + db + " in ");
        assertThat(partial.out()).contains("Some sources could not be updated");

        Files.writeString(debian, "[]");
        byte[] before = Files.readAllBytes(db);
        CliTest.Run again = CliProcess.run(tmp.resolve("run3"), Map.of(), update);
        assertThat(again.code()).isEqualTo(1);
        assertThat(CliProcess.firstLine(again.out()))
                .isEqualTo("Nothing was updated: all 2 sources failed; " + db + " keeps its previous data");
        assertThat(Files.readAllBytes(db)).as("a failed update leaves the file byte for byte").isEqualTo(before);
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.counts().get("debian")).containsEntry("advisory", 1L);
        }
    }

    @Test
    void amazonReadsTheExtrasTopicsTheConfigFileNames() throws Exception {
        Path feeds = tmp.resolve("feeds");
        AmazonFeedTree.at(feeds.resolve("amazon")).core("").topic("docker", AmazonFeedTree.securityUpdate(
                "ALAS2DOCKER-2023-024", "CVE-2023-28840", "docker", "20.10.25", "1.amzn2.0.4"));
        Path db = tmp.resolve("vuln.db");
        Path config = tmp.resolve("config.yaml");
        Settings.TEST_ENVIRONMENT.put("PLIMSOLL_CONFIG", config.toString());
        String[] update = {"db", "update", "--db", db.toString(), "--source", "amazon", "--from", feeds.toString()};

        Files.writeString(config, "feeds:\n  amazon: {extras: \"docker, nginx1\"}\n");
        CliTest.Run ok = CliTest.run(update);
        assertThat(ok.code()).as(ok.err()).isZero();
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.affected("amzn:2:extras:docker", "docker")).singleElement()
                    .satisfies(a -> assertThat(a.advisoryId()).isEqualTo("ALAS2DOCKER-2023-024"));
        }

        Files.writeString(config, "feeds:\n  amazon: {extras: \"docker,../core\"}\n");
        CliTest.Run bad = CliTest.run(update);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().lines().findFirst().orElse("")).contains(config.toString(), "feeds.amazon.extras",
                "'../core' is not an Amazon Linux 2 extras topic name");
    }

    @Test
    void statusListsEachAmazonExtrasTopicAsAPartWithItsOwnState() throws Exception {
        Path feeds = tmp.resolve("feeds");
        AmazonFeedTree.at(feeds.resolve("amazon")).core("").topic("docker", AmazonFeedTree.securityUpdate(
                "ALAS2DOCKER-2023-024", "CVE-2023-28840", "docker", "20.10.25", "1.amzn2.0.4"));
        Path db = tmp.resolve("vuln.db");
        Path config = Files.writeString(tmp.resolve("config.yaml"),
                "feeds:\n  amazon: {extras: \"docker, java-openjdk11\"}\n");
        Settings.TEST_ENVIRONMENT.put("PLIMSOLL_CONFIG", config.toString());
        CliTest.Run update = CliTest.run("db", "update", "--db", db.toString(), "--source", "amazon", "--from",
                feeds.toString());
        assertThat(update.code()).as("a topic the mirror does not publish fails nothing: " + update.out()).isZero();

        CliTest.Run r = CliTest.run("db", "status", "--db", db.toString());
        assertThat(r.out().lines().filter(l -> l.startsWith("  amazon/extras/docker")).findFirst().orElse(""))
                .contains(" 1 ", "ok").doesNotContain("failed");
        assertThat(r.out().lines().filter(l -> l.startsWith("  amazon/extras/java-openjdk11")).findFirst().orElse(""))
                .contains("never", "not published").doesNotContain("missing");
        // the long URL is folded to the terminal's width
        assertThat(r.out().replaceAll("\\s+", " ")).contains("not published: no such extras topic at file:")
                .doesNotContain("last update failed");
        assertThat(r.out().replaceAll("\\s*\n\\s*", "")).contains(feeds.resolve("amazon").toUri()
                + "2/extras/java-openjdk11/latest/x86_64/mirror.list");
        // nothing to fetch for it: not a gap of this database (an image with a package from it still stops a scan)
        assertThat(r.out().replaceAll("\\s+", " ")).contains("warning: no data for ")
                .doesNotContain(", amazon/extras/java-openjdk11");
        assertThat(r.code()).as("other sources were never updated").isEqualTo(1);
        assertThat(r.out().lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(100);
    }

    @Test
    void statusFitsA100ColumnTerminalAndKeepsEveryDetail() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("a/rather/long/path/where/the/platform-team/keeps/the/shared/"
                + "vulnerability-database")).resolve("vuln.db");
        String mirror = "https://artifactory.example.com/artifactory/api/generic/security-feeds-remote/"
                + "debian-security-tracker/";
        String error = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json: expected "
                + "JSON but got an HTML page (a proxy, captive portal or error page?)";
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink sink = b.sink("debian");
            sink.advisory(Advisory.of("CVE-2024-0001", "debian"));
            b.succeeded("debian", mirror, Map.of(), "sha256:x");
            b.sink("kev");
            b.failed("kev", "https://www.cisa.gov/sites/default/files/feeds/", error);
            b.commit();
        }
        CliTest.Run r = CliProcess.run(tmp.resolve("run"), Map.of(), "db", "status", "--db", db.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(CliProcess.firstLine(r.out())).startsWith("Database: " + tmp);
        assertThat(r.out().lines()).as(r.out()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        assertThat(r.out().lines()).anySatisfy(line -> assertThat(line).matches("kev +never +0 +0 +0 +missing, last "
                + "update failed"));
        // folded, not cut short: the path, the mirror, the error and the advice are all there
        String unfolded = r.out().replaceAll("\\s+", "");
        assertThat(unfolded).contains(db.toString(), mirror, error.replace(" ", ""), "dbupdate--fromDIR");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void statusOfAMissingOrCorruptDatabaseIsOneLineAndExit2() throws Exception {
        CliTest.Run none = CliTest.run("db", "status", "--db", tmp.resolve("nope.db").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("nope.db", "db update").doesNotContain("Exception");
        Path junk = Files.writeString(tmp.resolve("junk.db"), "<html>proxy</html>");
        CliTest.Run bad = CliTest.run("db", "status", "--db", junk.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("junk.db").doesNotContain("at org.");
    }

    @Test
    void exportAndImportCarryTheDatabaseWithAChecksum() throws Exception {
        Path db = database();
        Path bundle = tmp.resolve("bundle.tar.gz");
        CliTest.Run export = CliTest.run("db", "export", "--db", db.toString(), bundle.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("sha256:");
        Path other = tmp.resolve("elsewhere/vuln.db");
        CliTest.Run imported = CliTest.run("db", "import", "--db", other.toString(), bundle.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(Files.readAllBytes(other)).isEqualTo(Files.readAllBytes(db));

        // flip one byte of the compressed bundle: the import refuses it and leaves the database alone
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 0x5a;
        Path broken = Files.write(tmp.resolve("broken.tar.gz"), bytes);
        CliTest.Run bad = CliTest.run("db", "import", "--db", other.toString(), broken.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.tar.gz");
        assertThat(Files.readAllBytes(other)).isEqualTo(Files.readAllBytes(db));
        try (var files = Files.list(other.getParent())) {
            // no temporary file left; the lock file 'db update' and 'db import' share stays by design
            assertThat(files).containsExactlyInAnyOrder(other, other.resolveSibling("vuln.db.lock"));
        }
        // an import while an update holds the database is refused, and the database is left alone
        try (var lock = io.plimsoll.vuln.store.UpdateLock.acquire(other)) {
            CliTest.Run during = CliTest.run("db", "import", "--db", other.toString(), bundle.toString());
            assertThat(during.code()).isEqualTo(2);
            assertThat(during.err()).contains("another update of this database is running");
        }
        assertThat(Files.readAllBytes(other)).isEqualTo(Files.readAllBytes(db));
        Path notBundle = Files.writeString(tmp.resolve("x.tar.gz"), "hello");
        assertThat(CliTest.run("db", "import", "--db", other.toString(), notBundle.toString()).err())
                .contains("x.tar.gz");
    }

    @Test
    void offlineScanWithoutADatabaseStillInventoriesAndSaysDataIsMissing() throws Exception {
        Path img = image();
        // the configured location (an explicit --db must exist; see GateCliTest)
        Settings.TEST_ENVIRONMENT.put("PLIMSOLL_DB", tmp.resolve("none.db").toString());
        CliTest.Run r = CliTest.run("scan", "--offline", img.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Packages         1", "vulnerability data is unavailable", "db update --from DIR");
        CliTest.Run json = CliTest.run("scan", "--offline", "--format", "json", img.toString());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.path("vulnerabilityData").path("available").asBoolean()).isFalse();
        assertThat(root.path("vulnerabilityData").path("howToGetData").asText()).contains("db import");
        assertThat(root.path("findings")).isEmpty();
    }

    @Test
    void firstScanWithoutNetworkTriesAnUpdateAndStillCompletes() throws Exception {
        // every feed host points at a closed local port: connection refused, fast
        for (String source : io.plimsoll.ecosystem.Ecosystems.updaters(java.util.Optional.empty()).stream()
                .map(io.plimsoll.vuln.feed.Updater::name).toList()) {
            Settings.TEST_ENVIRONMENT.put("PLIMSOLL_FEED_" + source.toUpperCase() + "_URL", "http://127.0.0.1:9/");
        }
        Path db = tmp.resolve("auto.db");
        Settings.TEST_ENVIRONMENT.put("PLIMSOLL_DB", db.toString());
        CliTest.Run r = CliTest.run("scan", image().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("no vulnerability database at " + db, "running 'plimsoll db update' first",
                "db update --source nvd");
        assertThat(r.err()).doesNotContain("nvd: FAILED");
        assertThat(r.out()).contains("Packages         1");
        assertThat(r.out()).containsAnyOf("vulnerability data is unavailable", "WARNING: no data from");
    }

    @Test
    void scanMatchesAgainstTheDatabaseAndFilters() throws Exception {
        Path db = database();
        CliTest.Run r = CliTest.run("scan", "--format", "json", "--db", db.toString(), image().toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("vulnerabilityData").path("available").asBoolean()).isTrue();
        assertThat(root.path("findings")).hasSize(1);
        JsonNode f = root.path("findings").get(0);
        assertThat(f.path("id").asText()).isEqualTo("CVE-2024-0001");
        assertThat(f.path("nearestFix").asText()).isEqualTo("1:1.3-1");
        assertThat(f.path("match").path("name").asText()).isEqualTo("zlib");
        assertThat(f.path("package").path("name").asText()).isEqualTo("zlib1g");
        assertThat(CliTest.run("scan", "--severity", "bogus", "--db", db.toString(), image().toString()).code())
                .isEqualTo(2);
    }

    @Test
    void statusListsEachOsvEcosystemWithItsOwnAgeAndError() throws Exception {
        Path db = tmp.resolve("osv.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            FeedSink osv = b.sink("osv");
            osv.advisory(Advisory.of("GHSA-0000-0000-0001", "osv"));
            osv.state(io.plimsoll.vuln.store.SourceStatus.partKey("PyPI", "updated"), java.time.Instant.now().toString());
            osv.state(io.plimsoll.vuln.store.SourceStatus.partKey("PyPI", "records"), "2651");
            osv.state(io.plimsoll.vuln.store.SourceStatus.partKey("npm", "updated"), "2020-01-01T00:00:00Z");
            osv.state(io.plimsoll.vuln.store.SourceStatus.partKey("npm", "error"),
                    "osv: https://mirror.example/npm/all.zip: not found (HTTP 404)");
            b.succeeded("osv", "https://mirror.example/", Map.of(), "");
            b.commit();
        }
        CliTest.Run r = CliTest.run("db", "status", "--db", db.toString());
        assertThat(r.out().lines().filter(l -> l.startsWith("  osv/PyPI")).findFirst().orElse(""))
                .contains("2,651", "ok");
        assertThat(r.out().lines().filter(l -> l.startsWith("  osv/npm")).findFirst().orElse(""))
                .contains("days ago", "STALE, last update failed");
        assertThat(r.out()).contains("last update failed: osv: https://mirror.example/npm/all.zip: not found");
        assertThat(r.out().lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(100);
    }

    private static final String DEBIAN_TRACKER = "{\"zlib\":{\"CVE-2024-0001\":{\"description\":\"x\","
            + "\"scope\":\"local\",\"releases\":{\"bookworm\":{\"status\":\"resolved\",\"repositories\":{},"
            + "\"fixed_version\":\"1:1.3-1\",\"urgency\":\"low\"}}}}}";

    @Test
    void aRecordOverJacksonsLimitsFailsItsSourceAloneWithExit1AndTheOthersApply() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path feeds = tmp.resolve("feeds");
        Files.createDirectories(feeds.resolve("debian/tracker/data"));
        Files.writeString(feeds.resolve("debian/tracker/data/json"), DEBIAN_TRACKER);
        Files.createDirectories(feeds.resolve("kev"));
        Path kev = Files.writeString(feeds.resolve("kev/known_exploited_vulnerabilities.json"),
                "{\"vulnerabilities\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        CliTest.Run r = CliProcess.run(tmp.resolve("run"), Map.of(), "db", "update", "--db", db.toString(),
                "--source", "debian,kev", "--from", feeds.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(CliProcess.firstLine(r.out())).startsWith("Updated " + db + " in ");
        assertThat(r.out().lines()).anySatisfy(line -> assertThat(line).startsWith("kev ").contains("FAILED",
                kev.toAbsolutePath() + ": over the JSON parser's limits: Document nesting depth (1001) exceeds"));
        assertThat(r.out().lines()).anySatisfy(line -> assertThat(line).matches("debian +ok .*"));
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.counts().get("debian")).containsEntry("advisory", 1L);
        }
    }

    private static void osvZip(Path osv, String ecosystem, String id, String name) throws Exception {
        Files.createDirectories(osv.resolve(ecosystem));
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(osv.resolve(ecosystem + "/all.zip")))) {
            out.putNextEntry(new java.util.zip.ZipEntry(id + ".json"));
            out.write(("{\"id\":\"" + id + "\",\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem
                    + "\",\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                    + "[{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}]}]}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    @Test
    void anOsvEcosystemThatIsNotARegularFileFailsAloneWithExit1AndKeepsItsData() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path feeds = tmp.resolve("feeds");
        osvZip(feeds.resolve("osv"), "npm", "GHSA-npm1", "left-pad");
        osvZip(feeds.resolve("osv"), "PyPI", "GHSA-pypi1", "requests");
        String[] update = {"db", "update", "--db", db.toString(), "--source", "osv", "--from", feeds.toString()};
        CliTest.Run first = CliProcess.run(tmp.resolve("run1"), Map.of(), update);
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(0);

        Path pypi = feeds.resolve("osv/PyPI/all.zip");
        Files.delete(pypi);
        Files.createDirectories(pypi);
        osvZip(feeds.resolve("osv"), "npm", "GHSA-npm2", "lodash");
        CliTest.Run r = CliProcess.run(tmp.resolve("run2"), Map.of(), update);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(CliProcess.firstLine(r.out())).startsWith("Updated " + db + " in ");
        assertThat(r.out().lines()).anySatisfy(line -> assertThat(line).startsWith("osv ").contains("PARTLY",
                "osv/PyPI: " + pypi.toAbsolutePath() + ": not a regular file (a directory)"));
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            assertThat(store.affected("npm", "lodash")).hasSize(1);
            assertThat(store.affected("PyPI", "requests")).as("PyPI's older rows are kept").hasSize(1);
        }
    }

    @Test
    void twoConcurrentUpdatesOfOneFileDoNotCorruptIt() throws Exception {
        Path db = tmp.resolve("vuln.db");
        Path feeds = tmp.resolve("feeds");
        Files.createDirectories(feeds.resolve("debian/tracker/data"));
        Files.writeString(feeds.resolve("debian/tracker/data/json"), DEBIAN_TRACKER);
        String[] update = {"db", "update", "--db", db.toString(), "--source", "debian", "--from", feeds.toString()};
        String refused = "plimsoll: " + db + ": another update of this database is running (it holds " + db
                + ".lock); try again when it has finished";

        // an update running in another process holds the lock: refused in one line, nothing written
        try (var channel = java.nio.channels.FileChannel.open(tmp.resolve("vuln.db.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            CliTest.Run r = CliProcess.run(tmp.resolve("locked"), Map.of(), update);
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(CliProcess.firstLine(r.err())).isEqualTo(refused);
            assertThat(db).doesNotExist();
        }

        // two at once: whichever order they run in, each finishes or is refused, and the file is sound
        Process a = CliProcess.start(tmp.resolve("a"), Map.of(), update);
        Process b = CliProcess.start(tmp.resolve("b"), Map.of(), update);
        assertThat(a.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(b.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        int[] codes = {a.exitValue(), b.exitValue()};
        for (int i = 0; i < 2; i++) {
            Path home = tmp.resolve(i == 0 ? "a" : "b");
            if (codes[i] != 0) {
                assertThat(codes[i]).as(Files.readString(home.resolve("stderr"))).isEqualTo(2);
                assertThat(CliProcess.firstLine(Files.readString(home.resolve("stderr")))).isEqualTo(refused);
            }
        }
        assertThat(codes).contains(0);
        try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
            store.verify();
            assertThat(store.counts().get("debian")).containsEntry("advisory", 1L);
        }
    }
}
