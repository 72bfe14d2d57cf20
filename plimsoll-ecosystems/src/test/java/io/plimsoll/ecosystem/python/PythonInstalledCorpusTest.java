package io.plimsoll.ecosystem.python;

import static io.plimsoll.ecosystem.testing.Catalogs.named;
import static io.plimsoll.ecosystem.testing.Catalogs.scanDir;
import static io.plimsoll.ecosystem.testing.Catalogs.scanLayout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.ParseWarning;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * syft's installed-distribution fixtures, read in place as root filesystems, against what syft's
 * cataloger_test.go (Test_InstalledPackageCataloger, Test_PackageCataloger_IgnorePackage) expects of them.
 */
class PythonInstalledCorpusTest {

    @TempDir
    Path tmp;

    static final String DIR = "corpus/syft/syft/pkg/cataloger/python/testdata/";

    static Inventory scan(String fixture) throws Exception {
        return scanDir(SharedCorpus.require(DIR + fixture), new PythonInstalledCataloger());
    }

    static final String VCS_PURL = "pkg:pypi/pygments@2.6.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpython-test%2Ftest.git"
            + "%40aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @Test
    void distInfoAndEggInfoDirectories() throws Exception {
        Inventory inv = scan("site-packages/nested");
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::location).containsExactly(
                tuple("pygments", "2.6.1", "/dist-name/dist-info/METADATA"),
                tuple("requests", "2.22.0", "/egg-name/egg-info/PKG-INFO"));
        Package pygments = named(inv, "pygments", "2.6.1");
        assertThat(pygments.purl()).isEqualTo(VCS_PURL);
        assertThat(pygments.licenses()).containsExactly("BSD License");
        assertThat(pygments.metadata()).containsEntry("author", "Georg Brandl").containsEntry("declaredName", "Pygments")
                .containsEntry("authorEmail", "georg@python.org").containsEntry("requiresPython", ">=3.5")
                .containsEntry("topLevelPackages", "pygments,something_else").containsEntry("sitePackages", "/dist-name");
        // RECORD paths are relative to site-packages; one climbs out of it to the scripts directory
        assertThat(pygments.files()).containsExactly("/bin/pygmentize", "/dist-name/Pygments-2.6.1.dist-info/AUTHORS",
                "/dist-name/Pygments-2.6.1.dist-info/LICENSE.txt", "/dist-name/Pygments-2.6.1.dist-info/RECORD",
                "/dist-name/pygments/__pycache__/__init__.cpython-38.pyc", "/dist-name/pygments/util.py",
                "/dist-name/pygments/x_util.py");
        Package requests = named(inv, "requests", "2.22.0");
        assertThat(requests.purl()).isEqualTo("pkg:pypi/requests@2.22.0");
        assertThat(requests.licenses()).containsExactly("Apache 2.0");
        assertThat(requests.metadata()).containsEntry("author", "Kenneth Reitz").containsEntry("topLevelPackages", "requests");
        assertThat(requests.files()).hasSize(6).contains("/egg-name/requests/utils.py");
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void upperCaseDirectoriesToo() throws Exception {
        Inventory inv = scan("site-packages/uppercase");
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
                tuple("pygments", "2.6.1", VCS_PURL), tuple("requests", "2.22.0", "pkg:pypi/requests@2.22.0"));
        assertThat(named(inv, "pygments", null).files()).contains("/bin/pygmentize");
        assertThat(named(inv, "requests", null).licenses()).containsExactly("Apache 2.0");
    }

    @Test
    void licenseFromClassifiersWhenNoLicenseField() throws Exception {
        Inventory inv = scan("site-packages/license");
        // syft reads the LicenseFile text and concludes BSD-3-Clause; Plimsoll reports what the metadata declares
        assertThat(inv.packages()).hasSize(2).allSatisfy(p -> {
            assertThat(p.name()).isEqualTo("pygments");
            assertThat(p.licenses()).containsExactly("BSD License");
            assertThat(p.purl()).isEqualTo(VCS_PURL);
        });
    }

    @Test
    void malformedRecordKeepsTheGoodRowsAndWarns() throws Exception {
        Inventory inv = scan("site-packages/malformed-record");
        Package p = named(inv, "pygments", "2.6.1");
        assertThat(p.purl()).isEqualTo("pkg:pypi/pygments@2.6.1");
        assertThat(p.files()).containsExactly("/flask/json/tag.py", "/Scripts/flask.exe",
                "/Flask-1.0.2.dist-info/INSTALLER");
        assertThat(inv.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).startsWith("/dist-info/RECORD:"));
        assertThat(inv.warnings()).anySatisfy(w -> assertThat(w).startsWith("/dist-info/RECORD:2:"));
    }

    @Test
    void partialDistInfoHasNoFiles() throws Exception {
        // the fixture is the dist-info directory itself: put it where a site-packages would hold it
        Path dir = SharedCorpus.require(DIR + "site-packages/partial.dist-info");
        Path layout = TestImage.create().layer(TestLayer.create().file("site/partial.dist-info/METADATA",
                Files.readAllBytes(dir.resolve("METADATA")), 0644), Compressor.GZIP).writeOciLayout(tmp.resolve("oci"), null);
        Inventory inv = scanLayout(layout, new PythonInstalledCataloger());
        Package p = named(inv, "pygments", "2.6.1");
        assertThat(p.location()).isEqualTo("/site/partial.dist-info/METADATA");
        assertThat(p.files()).isEmpty();
        assertThat(p.licenses()).containsExactly("BSD License");
    }

    @Test
    void eggInfoAsOneFile() throws Exception {
        Inventory inv = scan("site-packages/test");
        Package p = named(inv, "requests", "2.22.0");
        assertThat(p.location()).isEqualTo("/test.egg-info");
        assertThat(p.licenses()).containsExactly("Apache 2.0");
        assertThat(p.metadata()).containsEntry("platform", "UNKNOWN").containsEntry("sitePackages", "/");
    }

    @Test
    void distributionWithoutVersion() throws Exception {
        Inventory inv = scan("site-packages/no-version");
        Package p = named(inv, "no-version", "");
        assertThat(p.purl()).isEqualTo("pkg:pypi/no-version");
    }

    @Test
    void interpreterEggInfoAndEmptyEggInfoAreNotPackages() throws Exception {
        Path python27 = SharedCorpus.require(DIR + "Python-2.7.egg-info");
        Path empty = SharedCorpus.require(DIR + "empty-1.0.0-py3.8.egg-info");
        CoreMetadata m = CoreMetadataParser.parse("Python-2.7.egg-info", java.nio.file.Files.readAllBytes(python27),
                new io.plimsoll.ecosystem.ParseWarnings("x"));
        // the description's empty lines do not end the headers: the classifiers after it are read
        assertThat(m.all("Classifier")).contains("License :: OSI Approved :: Python Software Foundation License");
        assertThat(m.get("Platform")).isEqualTo("Many");
        Inventory inv = scanDir(python27.getParent(), new PythonInstalledCataloger());
        assertThat(inv.packages()).extracting(Package::location).doesNotContain("/" + python27.getFileName(),
                "/" + empty.getFileName());
    }

    @Test
    void bogusMetadataFilesAreWarningsNamingThem() throws Exception {
        Inventory inv = scan("glob-paths/site-packages");
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.warnings()).containsExactlyInAnyOrder(
                "/v.DIST-INFO/METADATA: line 1: not core metadata (expected 'Field: value')",
                "/w.EGG-INFO/PKG-INFO: line 1: not core metadata (expected 'Field: value')",
                "/x.dist-info/METADATA: line 1: not core metadata (expected 'Field: value')",
                "/y.egg-info/PKG-INFO: line 1: not core metadata (expected 'Field: value')",
                "/z.egg-info: line 1: not core metadata (expected 'Field: value')");
    }

    @Test
    void metadataWithStrayLinesKeepsNameAndVersion() throws Exception {
        // syft's TestParseWheelEggMetadataInvalid: an HTML comment pasted into Summary, unindented
        Path f = SharedCorpus.require(DIR + "site-packages/nested/egg-name/egg-info/PKG-INFO-INVALID");
        ParseWarnings w = new ParseWarnings("/PKG-INFO");
        CoreMetadata m = CoreMetadataParser.parse("/PKG-INFO", Files.readAllBytes(f), w);
        assertThat(m.get("Name")).isEqualTo("mxnet");
        assertThat(m.get("Version")).isEqualTo("1.8.0");
        assertThat(PythonLicenses.of(m)).isEmpty();
        // the stray lines are warnings with their numbers; the empty line 11 ends the headers
        assertThat(w.toList()).extracting(ParseWarning::line).containsExactly(5, 6, 7, 8, 9, 10);
    }

    @Test
    void recordAndInstalledFilesAsSyftReadsThem() throws Exception {
        byte[] record = Files.readAllBytes(SharedCorpus.require(DIR + "site-packages/nested/egg-name/egg-info/RECORD"));
        ParseWarnings w = new ParseWarnings("/RECORD");
        assertThat(InstalledFileLists.record(record, w)).containsExactly("requests-2.22.0.dist-info/INSTALLER",
                "requests/__init__.py", "requests/__pycache__/__version__.cpython-38.pyc",
                "requests/__pycache__/utils.cpython-38.pyc", "requests/__version__.py", "requests/utils.py");
        assertThat(w.isEmpty()).isTrue();
        byte[] installed = Files.readAllBytes(SharedCorpus.require(DIR + "installed-files/installed-files.txt"));
        assertThat(InstalledFileLists.installedFiles(installed)).containsExactly("../__pycache__/dicttoxml.cpython-36.pyc",
                "../dicttoxml.py", "PKG-INFO", "SOURCES.txt", "dependency_links.txt", "top_level.txt");
    }

    @Test
    void quotedRecordFields() {
        ParseWarnings w = new ParseWarnings("/RECORD");
        byte[] record = ("\"pkg/a,b.py\",sha256=x,1\n\"pkg/say \"\"hi\"\".txt\",,\npkg/c.py,,\n\"open,,\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(InstalledFileLists.record(record, w)).containsExactly("pkg/a,b.py", "pkg/say \"hi\".txt", "pkg/c.py");
        assertThat(w.toList()).extracting(ParseWarning::line).containsExactly(4);
    }
}
