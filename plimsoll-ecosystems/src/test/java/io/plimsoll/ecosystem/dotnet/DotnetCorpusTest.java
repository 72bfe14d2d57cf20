package io.plimsoll.ecosystem.dotnet;

import static io.plimsoll.ecosystem.testing.Catalogs.named;
import static io.plimsoll.ecosystem.testing.Catalogs.scanDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * syft's .NET fixtures that are manifests, read in place, against syft's cataloger_test.go (TestParseDotnetDeps),
 * deps_binary_cataloger_test.go and parse_packages_lock_test.go. The fixtures that are build contexts for images of
 * compiled apps contribute their packages.lock.json; their binaries are another cataloger's business.
 */
class DotnetCorpusTest {

    static final String DIR = "corpus/syft/syft/pkg/cataloger/dotnet/testdata/";

    static Inventory scan(String fixture) throws Exception {
        return scanDir(SharedCorpus.require(DIR + fixture), new DotnetCataloger());
    }

    @Test
    void depsJsonPackagesButNotProjects() throws Exception {
        Inventory inv = scan("dir-example-1");
        // syft also lists the two projects (TestLibrary, TestCommon); they are the application's own code
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
                tuple("AWSSDK.Core", "3.7.10.6", "pkg:nuget/AWSSDK.Core@3.7.10.6"),
                tuple("Microsoft.Extensions.DependencyInjection", "6.0.0", "pkg:nuget/Microsoft.Extensions.DependencyInjection@6.0.0"),
                tuple("Microsoft.Extensions.DependencyInjection.Abstractions", "6.0.0",
                        "pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0"),
                tuple("Microsoft.Extensions.Logging", "6.0.0", "pkg:nuget/Microsoft.Extensions.Logging@6.0.0"),
                tuple("Microsoft.Extensions.Logging.Abstractions", "6.0.0", "pkg:nuget/Microsoft.Extensions.Logging.Abstractions@6.0.0"),
                tuple("Microsoft.Extensions.Options", "6.0.0", "pkg:nuget/Microsoft.Extensions.Options@6.0.0"),
                tuple("Microsoft.Extensions.Primitives", "6.0.0", "pkg:nuget/Microsoft.Extensions.Primitives@6.0.0"),
                tuple("Newtonsoft.Json", "13.0.1", "pkg:nuget/Newtonsoft.Json@13.0.1"),
                tuple("Serilog", "2.10.0", "pkg:nuget/Serilog@2.10.0"),
                tuple("Serilog.Sinks.Console", "4.0.1", "pkg:nuget/Serilog.Sinks.Console@4.0.1"),
                tuple("System.Diagnostics.DiagnosticSource", "6.0.0", "pkg:nuget/System.Diagnostics.DiagnosticSource@6.0.0"),
                tuple("System.Runtime.CompilerServices.Unsafe", "6.0.0", "pkg:nuget/System.Runtime.CompilerServices.Unsafe@6.0.0"));
        Package aws = named(inv, "AWSSDK.Core", null);
        assertThat(aws.location()).isEqualTo("/TestLibrary.deps.json");
        assertThat(aws.metadata()).containsEntry("libraryType", "package")
                .containsEntry("sha512", "sha512-kHBB+QmosVaG6DpngXQ8OlLVVNMzltNITfsRr68Z90qO7dSqJ2EHNd8dtBU1u3AQQLqqFHOY0lfmbpexeH6Pew==")
                .containsEntry("path", "awssdk.core/3.7.10.6").containsEntry("hashPath", "awssdk.core.3.7.10.6.nupkg.sha512");
        assertThat(aws.foundBy()).isEqualTo("dotnet");
        assertThat(inv.warnings()).isEmpty();
    }

    @Test
    void referenceAssembliesOfTheSharedFrameworkAreNotPackages() throws Exception {
        Inventory inv = scan("deps-with-referenceassembly");
        assertThat(inv.packages()).extracting(Package::name, Package::version)
                .containsExactly(tuple("Newtonsoft.Json", "13.0.3"));
    }

    @Test
    void packagesLockAcrossFrameworks() throws Exception {
        Path f = SharedCorpus.require(DIR + "packages.lock.json");
        ParseResult<NugetPackage> r = PackagesLockParser.parse("/packages.lock.json", Files.readAllBytes(f));
        // syft's expectation: nine packages, log4net twice (each framework resolves its own version)
        assertThat(r.packages()).extracting(NugetPackage::name, NugetPackage::version).containsExactlyInAnyOrder(
                tuple("AutoMapper", "13.0.1"), tuple("bootstrap", "5.0.0"), tuple("log4net", "2.0.5"),
                tuple("log4net", "1.2.15"), tuple("Microsoft.Extensions.DependencyInjection.Abstractions", "9.0.0"),
                tuple("Microsoft.Extensions.Options", "9.0.0"), tuple("Microsoft.Extensions.Primitives", "9.0.0"),
                tuple("System.Runtime.CompilerServices.Unsafe", "9.0.0"), tuple("Microsoft.Extensions.Logging", "9.0.0"));
        NugetPackage bootstrap = r.packages().stream().filter(p -> p.name().equals("bootstrap")).findFirst().orElseThrow();
        assertThat(bootstrap.metadata()).containsEntry("dependencyType", "Direct")
                .containsEntry("targetFrameworks", "net8.0,.netcore2.0").containsEntry("requested", "[5.0.0, )")
                .containsEntry("contentHash", "NKQFzFwrfWOMjTwr+X/2iJyCveuAGF+fNzkxyB0YW45+InVhcE9PUxoL1a8Vmc/Lq9E/CQd4DjO8kU32P4w/Gg==");
        NugetPackage unsafe = r.packages().stream().filter(p -> p.name().startsWith("System.Runtime")).findFirst().orElseThrow();
        assertThat(unsafe.metadata()).containsEntry("dependencyType", "Transitive");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void packagesLockOfAnAppBuildContext() throws Exception {
        Inventory inv = scan("image-net8-app/src");
        assertThat(inv.packages()).hasSize(51).allSatisfy(p -> {
            assertThat(p.type()).isEqualTo("nuget");
            assertThat(p.purl()).isEqualTo("pkg:nuget/" + p.name() + "@" + p.version());
        });
        assertThat(named(inv, "Humanizer", "2.14.1").metadata()).containsEntry("dependencyType", "Direct")
                .containsEntry("targetFrameworks", "net8.0"); // the win-x64 section of this lock is empty
        assertThat(named(inv, "Humanizer.Core.af", "2.14.1").metadata()).containsEntry("dependencyType", "Transitive");
        assertThat(named(inv, "Newtonsoft.Json", "13.0.3").metadata()).containsEntry("dependencyType", "Direct");
    }

    /**
     * Per fixture: how many packages and the first by name, counted from the files independently (the distinct
     * non-project entries of every target framework of a packages.lock.json; the "package" libraries of a deps.json).
     */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("/deps-with-referenceassembly/MyApp.deps.json", "1 Newtonsoft.Json@13.0.3"),
            Map.entry("/dir-example-1/TestLibrary.deps.json", "12 AWSSDK.Core@3.7.10.6"),
            Map.entry("/image-net8-app-no-depjson/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/image-net8-app-self-contained/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/image-net8-app-single-file-linux/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/image-net8-app-single-file/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/image-net8-app-with-runtime-nodepsjson/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/image-net8-app-with-runtime/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/image-net8-app/src/packages.lock.json", "51 Humanizer.Core.af@2.14.1"),
            Map.entry("/packages.lock.json", "9 AutoMapper@13.0.1"));

    @Test
    void everyManifestFixtureParsesWithoutWarnings() throws Exception {
        Path root = SharedCorpus.require(DIR);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("glob-paths"))
                    .filter(p -> DotnetCataloger.isWanted("/" + root.relativize(p))).sorted().toList();
        }
        assertThat(files).hasSize(EXPECTED.size()).hasSize(10); // two deps.json, eight packages.lock.json
        for (Path f : files) {
            String name = "/" + root.relativize(f);
            ParseResult<NugetPackage> r = DotnetCataloger.read(name, Files.readAllBytes(f));
            assertThat(r.packages().size() + " " + r.packages().stream().map(p -> p.name() + "@" + p.version()).sorted().findFirst().orElse(""))
                    .as(name).isEqualTo(EXPECTED.get(name));
            assertThat(r.warnings()).as(name).isEmpty();
        }
    }

    @Test
    void bogusManifestsAreWarningsNamingThem() throws Exception {
        Inventory inv = scan("glob-paths/src");
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.warnings()).containsExactlyInAnyOrder(
                "/packages.lock.json: not a JSON object",
                "/something.deps.json: line 1, column 1: not valid JSON: Unrecognized token 'bogus': was expecting"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }
}
