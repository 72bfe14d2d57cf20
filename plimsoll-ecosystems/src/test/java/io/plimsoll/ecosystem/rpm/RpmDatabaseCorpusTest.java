package io.plimsoll.ecosystem.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.plimsoll.image.testing.SharedCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Real databases from the shared corpus, against package lists that rpm itself (or go-rpmdb) produced. */
class RpmDatabaseCorpusTest {
  private static final String PKGDB = "corpus/pkgdb/rpm";
  private static final Map<String, RpmDatabaseFormat> FORMAT_BY_FOLDER_SUFFIX =
      Map.of("-sqlite", RpmDatabaseFormat.SQLITE, "-bdb", RpmDatabaseFormat.BERKELEY_DB, "-ndb", RpmDatabaseFormat.NDB);

  /** expected.tsv column name to the value rpm prints for it; {@code null} is printed as the file's "none" marker. */
  private static final Map<String, Function<RpmPackageHeader, Object>> COLUMNS =
      Map.of(
          "epoch", RpmPackageHeader::epoch,
          "name", RpmPackageHeader::name,
          "version", RpmPackageHeader::version,
          "release", RpmPackageHeader::release,
          "arch", RpmPackageHeader::arch,
          "sourcerpm", RpmPackageHeader::sourceRpm,
          "size", RpmPackageHeader::size,
          "license", RpmPackageHeader::license,
          "vendor", RpmPackageHeader::vendor,
          "modularitylabel", RpmPackageHeader::modularityLabel);

  @TestFactory
  Stream<DynamicTest> everyCorpusDatabaseYieldsExactlyItsExpectedPackages() throws IOException {
    Path root = SharedCorpus.require(PKGDB);
    List<Path> folders;
    try (Stream<Path> list = Files.list(root)) {
      folders = list.filter(d -> Files.isRegularFile(d.resolve("expected.tsv"))).sorted().toList();
    }
    assertThat(folders).as("databases under %s", root).isNotEmpty();
    return folders.stream()
        .map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> assertMatchesExpected(folder)));
  }

  private static void assertMatchesExpected(Path folder) throws IOException {
    Path db = databaseIn(folder);
    List<String> lines = Files.readAllLines(folder.resolve("expected.tsv"));
    String[] columns = lines.get(0).split("\t", -1);
    List<String> expected = lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).sorted().toList();
    // go-rpmdb's expectations leave absent values empty, rpm's own print "(none)" (see MANIFEST.md).
    String none = expected.stream().anyMatch(l -> l.contains("(none)")) ? "(none)" : "";

    RpmDatabaseResult result = RpmDatabase.read(db.toString(), Files.readAllBytes(db));
    List<String> actual = result.packages().stream().map(p -> row(p, columns, none)).sorted().toList();

    assertThat(result.warnings()).as("warnings for a healthy database").isEmpty();
    FORMAT_BY_FOLDER_SUFFIX.forEach(
        (suffix, format) -> {
          if (folder.getFileName().toString().endsWith(suffix)) {
            assertThat(result.format()).isEqualTo(format);
          }
        });
    if (!actual.equals(expected)) {
      fail(db + ": package list differs from expected.tsv (" + actual.size() + " read, " + expected.size()
          + " expected)\n" + diff(expected, actual));
    }
  }

  private static Path databaseIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> dbs = files.filter(f -> !f.getFileName().toString().equals("expected.tsv")).toList();
      assertThat(dbs).as("database files in %s", folder).hasSize(1);
      return dbs.get(0);
    }
  }

  private static String row(RpmPackageHeader p, String[] columns, String none) {
    return Arrays.stream(columns)
        .map(
            c -> {
              Function<RpmPackageHeader, Object> column = COLUMNS.get(c);
              assertThat(column).as("known expected.tsv column %s", c).isNotNull();
              Object value = column.apply(p);
              return value == null ? none : value.toString();
            })
        .collect(Collectors.joining("\t"));
  }

  private static String diff(List<String> expected, List<String> actual) {
    List<String> out = new ArrayList<>();
    expected.stream().filter(l -> !actual.contains(l)).forEach(l -> out.add("- " + l));
    actual.stream().filter(l -> !expected.contains(l)).forEach(l -> out.add("+ " + l));
    return "(- only in expected.tsv, + only read)\n" + String.join("\n", out);
  }

  @Test
  void marinerCurlOwnsTheFilesGoRpmdbLists() throws IOException {
    RpmPackageHeader curl = onlyPackage(read(PKGDB + "/cbl-mariner-2.0-sqlite/rpmdb.sqlite"), "curl");

    // pkg/testdata/cbl-mariner-2.0/curl_files.json in knqyf263/go-rpmdb
    assertThat(curl.files())
        .containsExactly(
            "/usr/bin/curl",
            "/usr/bin/curl-config",
            "/usr/share/licenses/curl",
            "/usr/share/licenses/curl/COPYING",
            "/usr/share/man/man1/curl-config.1.gz",
            "/usr/share/man/man1/curl.1.gz");
    assertThat(curl.fileDigests().get(0)).isEqualTo("7ef6b3fd854d4ed189dd0aab2ffcf5e6bd58018ff69b97e1b86e1df7b86f3df0");
    assertThat(curl.fileDigests().get(2)).as("directories have no digest").isEmpty();
    assertThat(curl.fileDigestAlgorithm()).as("SHA-256").isEqualTo(8);
  }

  @Test
  void libuuidFromBerkeleyDbHasItsFiles() throws IOException {
    RpmPackageHeader libuuid = onlyPackage(read(PKGDB + "/libuuid-bdb/Packages"), "libuuid");

    assertThat(libuuid.files()).hasSize(7).contains("/usr/lib64/libuuid.so.1");
  }

  @Test
  void syftBerkeleyDbSample() throws IOException {
    RpmDatabaseResult result = read("corpus/syft/syft/pkg/cataloger/redhat/testdata/Packages");

    // syft's redhat cataloger test expects exactly this package (dive 0.9.2-1, one file, empty vendor).
    assertThat(result.format()).isEqualTo(RpmDatabaseFormat.BERKELEY_DB);
    assertThat(result.warnings()).isEmpty();
    RpmPackageHeader dive = onlyPackage(result, "dive");
    assertThat(dive.nevra()).isEqualTo("dive-0.9.2-1.x86_64");
    assertThat(dive.sourceRpm()).isEqualTo("dive-0.9.2-1.src.rpm");
    assertThat(dive.license()).isEqualTo("MIT");
    assertThat(dive.vendor()).isEmpty();
    assertThat(dive.size()).isEqualTo(12406784L);
    assertThat(dive.files()).containsExactly("/usr/local/bin/dive");
    assertThat(dive.fileDigests())
        .containsExactly("81d29f327ba23096b3c52ff6fe1c425641e618bc87b5c05ee377edc650afaa55");
  }

  @Test
  void sqliteWithoutPackagesTableIsRejected() {
    Path db = SharedCorpus.require("corpus/claircore/internal/rpm/sqlite/testdata/no_packages.sqlite");

    assertThatThrownBy(() -> RpmDatabase.read("no_packages.sqlite", Files.readAllBytes(db)))
        .isInstanceOf(RpmDatabaseException.class)
        .hasMessage("no_packages.sqlite: SQLite database has no Packages table (not an rpm database?)");
  }

  @Test
  void walModeSqliteIsReadWithoutTouchingTheCallersBytes() throws IOException {
    Path db = SharedCorpus.require(PKGDB + "/cbl-mariner-2.0-sqlite/rpmdb.sqlite");
    byte[] content = Files.readAllBytes(db);
    byte[] before = content.clone();

    RpmDatabaseResult result = RpmDatabase.read("rpmdb.sqlite", new ByteArrayInputStream(content));

    assertThat(content[18]).as("file is in WAL mode").isEqualTo((byte) 2);
    assertThat(content).isEqualTo(before);
    assertThat(result.packages()).hasSize(129);
    assertThat(db.resolveSibling("rpmdb.sqlite-wal")).doesNotExist();
    assertThat(db.resolveSibling("rpmdb.sqlite-journal")).doesNotExist();
  }

  private static RpmDatabaseResult read(String relative) throws IOException {
    Path db = SharedCorpus.require(relative);
    return RpmDatabase.read(db.toString(), Files.readAllBytes(db));
  }

  private static RpmPackageHeader onlyPackage(RpmDatabaseResult result, String name) {
    List<RpmPackageHeader> matches = result.packages().stream().filter(p -> p.name().equals(name)).toList();
    assertThat(matches).as("packages named %s", name).hasSize(1);
    return matches.get(0);
  }
}
