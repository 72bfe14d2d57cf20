package io.plimsoll.ecosystem.python;

import static io.plimsoll.ecosystem.testing.Catalogs.named;
import static io.plimsoll.ecosystem.testing.Catalogs.scanDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * syft's Python lockfile fixtures, read in place through the cataloger, against syft's parse_*_test.go and
 * cataloger_test.go expectations (names, versions, PURLs). Where Plimsoll reads more than syft (Pipenv's develop
 * section) the test says so.
 */
class PythonLockCorpusTest {

    static final String DIR = "corpus/syft/syft/pkg/cataloger/python/testdata/";

    static Inventory scan(String fixture) throws Exception {
        return scanDir(SharedCorpus.require(DIR + fixture), new PythonLockCataloger());
    }

    static List<String> namesAndVersions(Inventory inv) {
        return inv.packages().stream().map(p -> p.name() + "@" + p.version()).toList();
    }

    @Test
    void requirementsPinnedEntriesOnly() throws Exception {
        Inventory inv = scan("requires");
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::purl).containsExactlyInAnyOrder(
                tuple("flask", "4.0.0", "pkg:pypi/flask@4.0.0"),
                tuple("urllib3", "1.26.20", "pkg:pypi/urllib3@1.26.20"),
                tuple("foo", "1.0.0", "pkg:pypi/foo@1.0.0"),
                tuple("someproject", "5.4", "pkg:pypi/someproject@5.4"),
                tuple("dots-allowed", "1.0.0", "pkg:pypi/dots-allowed@1.0.0"),
                tuple("argh", "0.26.2", "pkg:pypi/argh@0.26.2"),
                tuple("argh", "0.26.3", "pkg:pypi/argh@0.26.3"),
                tuple("celery", "4.4.7", "pkg:pypi/celery@4.4.7"),
                tuple("githubsampleproject", "3.7.1", "pkg:pypi/githubsampleproject@3.7.1"),
                tuple("friendly-bard", "1.0.0", "pkg:pypi/friendly-bard@1.0.0"),
                tuple("local-version", "1.2.3+gcr.2", "pkg:pypi/local-version@1.2.3%2Bgcr.2"));
        assertThat(named(inv, "someproject", null).metadata()).containsEntry("markers", "python_version < '3.8'")
                .containsEntry("declaredName", "SomeProject").containsEntry("constraint", "==5.4");
        assertThat(named(inv, "celery", null).metadata()).containsEntry("extras", "redis,pytest");
        assertThat(named(inv, "argh", "0.26.2").metadata().get("hashes")).startsWith("sha256:a9b3aaa1904e")
                .contains(",sha256:e9535b8c84dc");
        assertThat(named(inv, "githubsampleproject", null).metadata())
                .containsEntry("url", "git+https://github.com/owner/repo@releases/tag/v3.7.1");
        assertThat(named(inv, "dots-allowed", null).metadata()).containsEntry("declaredName", "dots-._allowed");
        // the include is named, the nameless pin is a warning with its line; ranges, wildcards and -e are silent
        assertThat(inv.warnings()).containsExactly(
                "/requirements.txt:9: includes other-requirements.txt; not followed (requirements files are read one by one)",
                "/requirements.txt:23: no package name: ==2.3.4");
    }

    @Test
    void pipfileLockDefaultAndDevelop() throws Exception {
        Inventory inv = scan("pipfile-lock");
        assertThat(inv.packages()).filteredOn(p -> !p.metadata().containsKey("dev"))
                .extracting(Package::name, Package::version, Package::purl).containsExactly(
                        tuple("aio-pika", "6.8.0", "pkg:pypi/aio-pika@6.8.0"),
                        tuple("aiodns", "2.0.0", "pkg:pypi/aiodns@2.0.0"),
                        tuple("aiohttp", "3.7.4.post0", "pkg:pypi/aiohttp@3.7.4.post0"),
                        tuple("aiohttp-jinja2", "1.4.2", "pkg:pypi/aiohttp-jinja2@1.4.2"));
        assertThat(named(inv, "aiodns", null).metadata()).containsEntry("index", "https://test.pypi.org/simple");
        assertThat(named(inv, "aio-pika", null).metadata()).containsEntry("index", "https://pypi.org/simple")
                .containsEntry("hashes", "sha256:1d4305a5f78af3857310b4fe48348cdcf6c097e0e275ea88c2cd08570531a369,"
                        + "sha256:e69afef8695f47c5d107bbdba21bdb845d5c249acb3be53ef5c2d497b02657c0");
        // syft reads only default; the develop section is here too, marked
        assertThat(inv.packages()).filteredOn(p -> p.metadata().containsKey("dev"))
                .extracting(Package::name).containsExactly("astroid", "autopep8");
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void poetryLock() throws Exception {
        Inventory inv = scan("poetry/dev-deps");
        assertThat(namesAndVersions(inv)).containsExactly("added-value@0.14.2", "alabaster@0.7.12", "appnope@0.1.0",
                "asciitree@0.3.3");
        assertThat(named(inv, "added-value", null).metadata()).containsEntry("index", "https://test.pypi.org/simple");
        assertThat(inv.packages()).allSatisfy(p -> assertThat(p.purl()).isEqualTo("pkg:pypi/" + p.name() + "@" + p.version()));
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void poetryLockNamesAreNormalised() throws Exception {
        Inventory inv = scan("poetry/case-sensitivity");
        assertThat(namesAndVersions(inv)).containsExactly("dj-rest-auth@7.0.1", "django@5.2.6",
                "djangorestframework@3.16.1");
    }

    @Test
    void poetryDevCategoryAndMainGroup() throws Exception {
        // Poetry 1 writes category = "dev"; Poetry 2 lists groups, and main means the application needs it
        assertThat(scan("poetry/dev-deps").packages()).hasSize(4)
                .allSatisfy(p -> assertThat(p.metadata()).containsEntry("dev", "true"));
        assertThat(scan("poetry/case-sensitivity").packages()).hasSize(3)
                .allSatisfy(p -> assertThat(p.metadata()).containsEntry("groups", "main").doesNotContainKey("dev"));
        Inventory nested = scan("poetry/nested-extras");
        assertThat(nested.packages()).hasSize(39);
        assertThat(namesAndVersions(nested)).contains("markupsafe@2.1.5", "uvicorn@0.29.0", "fastapi-cli@0.0.4");
    }

    @Test
    void uvLockIncludingTheProjectItself() throws Exception {
        Inventory inv = scan("uv/simple-deps");
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
                tuple("certifi", "2025.1.31", "pkg:pypi/certifi@2025.1.31"),
                tuple("charset-normalizer", "3.4.1", "pkg:pypi/charset-normalizer@3.4.1"),
                tuple("idna", "3.10", "pkg:pypi/idna@3.10"),
                tuple("requests", "2.32.3", "pkg:pypi/requests@2.32.3"),
                tuple("testpkg", "0.1.0", "pkg:pypi/testpkg@0.1.0"),
                tuple("urllib3", "2.3.0", "pkg:pypi/urllib3@2.3.0"));
        assertThat(named(inv, "testpkg", null).metadata()).containsEntry("source", "virtual");
        assertThat(named(inv, "idna", null).metadata()).containsEntry("source", "registry")
                .containsEntry("index", "https://pypi.org/simple");
    }

    @Test
    void pdmLock() throws Exception {
        Inventory inv = scan("pdm-lock");
        assertThat(namesAndVersions(inv)).containsExactly("certifi@2025.1.31", "chardet@3.0.4",
                "charset-normalizer@2.0.12", "colorama@0.3.9", "idna@2.7", "py@1.4.34", "pytest@3.2.5",
                "requests@2.27.1", "setuptools@39.2.0", "urllib3@1.26.20");
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void pdmExtrasVariantsAreOnePackage() throws Exception {
        Inventory inv = scan("pdm-lock-extras");
        assertThat(inv.packages()).hasSize(5);
        Package coverage = named(inv, "coverage", "7.4.1");
        assertThat(coverage.metadata()).containsEntry("extras", "toml").containsEntry("dev", "true")
                .containsEntry("summary", "Code coverage measurement for Python");
        Inventory separate = scan("pdm-lock-separate-files");
        assertThat(named(separate, "rfc3986", "1.5.0").metadata()).containsEntry("extras", "idna2008");
        assertThat(separate.packages()).hasSize(57);
    }

    @Test
    void eachLockfileFormatOfTheSameProject() throws Exception {
        Inventory inv = scan("pypi-remote");
        assertThat(inv.packages()).extracting(Package::location, Package::purl).containsExactlyInAnyOrder(
                tuple("/Pipfile.lock", "pkg:pypi/certifi@2025.10.5"),
                tuple("/pdm.lock", "pkg:pypi/certifi@2025.10.5"),
                tuple("/poetry.lock", "pkg:pypi/certifi@2025.10.5"),
                tuple("/requirements.txt", "pkg:pypi/certifi@2025.10.5"),
                tuple("/uv.lock", "pkg:pypi/certifi@2025.10.5"));
        assertThat(inv.warnings()).isEmpty();
    }

    /**
     * Per fixture: how many packages and the first by name, counted from the files independently ([[package]] tables
     * of poetry, uv and pdm locks, where pdm lists a package once per extras set; default and develop of a
     * Pipfile.lock; the pinned lines of a requirements file).
     */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("/pdm-lock-extras/pdm.lock", "5 coverage@7.4.1"),
            Map.entry("/pdm-lock-separate-files/pdm.lock", "57 anyio@3.6.1"),
            Map.entry("/pdm-lock/pdm.lock", "10 certifi@2025.1.31"),
            Map.entry("/pipfile-lock/Pipfile.lock", "6 aio-pika@6.8.0"),
            Map.entry("/poetry/case-sensitivity/poetry.lock", "3 dj-rest-auth@7.0.1"),
            Map.entry("/poetry/conflicting-with-extras/poetry.lock", "21 anyio@4.3.0"),
            Map.entry("/poetry/dev-deps/poetry.lock", "4 added-value@0.14.2"),
            Map.entry("/poetry/multiple-extras/poetry.lock", "15 anyio@4.3.0"),
            Map.entry("/poetry/nested-extras/poetry.lock", "39 annotated-types@0.7.0"),
            Map.entry("/poetry/simple-deps/poetry.lock", "5 certifi@2024.2.2"),
            Map.entry("/pypi-remote/Pipfile.lock", "1 certifi@2025.10.5"),
            Map.entry("/pypi-remote/pdm.lock", "1 certifi@2025.10.5"),
            Map.entry("/pypi-remote/poetry.lock", "1 certifi@2025.10.5"),
            Map.entry("/pypi-remote/requirements.txt", "1 certifi@2025.10.5"),
            Map.entry("/pypi-remote/uv.lock", "1 certifi@2025.10.5"),
            Map.entry("/requires/requirements.txt", "11 FrIeNdLy-_-bArD@1.0.0"),
            Map.entry("/uv/conflicting-with-extras/uv.lock", "22 anyio@4.6.2.post1"),
            Map.entry("/uv/multiple-extras/uv.lock", "17 anyio@4.9.0"),
            Map.entry("/uv/nested-extras/uv.lock", "42 annotated-types@0.7.0"),
            Map.entry("/uv/simple-deps/uv.lock", "6 certifi@2025.1.31"));

    @Test
    void everyRealLockfileParsesWithoutWarnings() throws Exception {
        Path root = SharedCorpus.require(DIR);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("glob-paths"))
                    .filter(p -> PythonLockCataloger.kind("/" + p.getFileName()) != null).sorted().toList();
        }
        assertThat(files).hasSize(EXPECTED.size()).hasSize(20);
        for (Path f : files) {
            String name = "/" + root.relativize(f);
            var r = PythonLockCataloger.read(PythonLockCataloger.kind(name), name, Files.readAllBytes(f));
            assertThat(r.packages().size() + " " + r.packages().stream().map(p -> p.declaredName() + "@" + p.version()).sorted().findFirst().orElse(""))
                    .as(name).isEqualTo(EXPECTED.get(name));
            if (!name.endsWith("requires/requirements.txt")) {
                assertThat(r.warnings()).as(name).isEmpty();
            }
        }
    }

    @Test
    void bogusLockfilesAreWarningsAndTheScanGoesOn() throws Exception {
        Inventory inv = scan("glob-paths/src");
        assertThat(inv.packages()).isEmpty();
        // one warning per file, naming it; none of them stops the others from being read
        assertThat(inv.warnings()).hasSize(9);
        for (String f : List.of("/Pipfile.lock", "/pdm.lock", "/poetry.lock", "/uv.lock", "/script.py.lock",
                "/requirements.txt", "/requirements-dev.txt", "/1-requirements-dev.txt", "/extra-requirements.txt")) {
            assertThat(inv.warnings()).as(f).anySatisfy(w -> assertThat(w).startsWith(f + ":"));
        }
        assertThat(inv.warnings()).contains("/requirements.txt:1: expected a version specifier such as ==1.0: example archive");
    }
}
