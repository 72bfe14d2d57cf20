package io.plimsoll.ecosystem.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarning;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** go.mod parsing and the modules it selects; syft's fixtures with syft's expected results. */
class GoModParserTest {

    private static final String SYFT = "corpus/syft/syft/pkg/cataloger/golang/testdata/";

    private static GoModFile parse(String text) throws PackageDbException {
        return GoModParser.parse("/src/go.mod", text.getBytes(StandardCharsets.UTF_8)).packages().get(0);
    }

    /** The packages a syft fixture folder's go.mod (with its go.sum, if any) selects. */
    private static List<Package> syft(String dir) throws Exception {
        Path root = SharedCorpus.require(SYFT + dir);
        GoModFile mod = GoModParser.parse("/go.mod", Files.readAllBytes(root.resolve("go.mod"))).packages().get(0);
        Path sum = root.resolve("go.sum");
        Map<String, String> sums = Files.exists(sum) ? GoSum.parse(Files.readAllBytes(sum)) : Map.of();
        return GoModCataloger.packages(mod, "/src/go.mod", sums);
    }

    private static Package named(List<Package> pkgs, String name) {
        return pkgs.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void syftOnePackage() throws Exception {
        List<Package> pkgs = syft("go-mod-fixtures/one-package");
        assertThat(pkgs).extracting(Package::purl).containsExactly("pkg:golang/github.com/bmatcuk/doublestar@v1.3.1");
        assertThat(pkgs.get(0).metadata()).doesNotContainKey("h1Digest") // go.sum has only its go.mod's checksum
                .containsEntry("mainModule", "github.com/anchore/syft");
    }

    @Test
    void syftRelativeReplaceKeepsTheNameWithoutAVersion() throws Exception {
        List<Package> pkgs = syft("go-mod-fixtures/relative-replace");
        assertThat(pkgs).extracting(Package::name, Package::version, Package::purl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("github.com/aws/aws-sdk-go-v2", "",
                        "pkg:golang/github.com/aws/aws-sdk-go-v2"));
        assertThat(pkgs.get(0).metadata()).containsEntry("replacedBy", "../../../");
    }

    @Test
    void syftManyPackages() throws Exception {
        List<Package> pkgs = syft("go-mod-fixtures/many-packages");
        // syft's expected list for this fixture: xdg excluded, doublestar and archiver replaced
        assertThat(pkgs).extracting(Package::name, Package::version).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("github.com/anchore/archiver/v3", "v3.5.2"),
                org.assertj.core.groups.Tuple.tuple("github.com/anchore/go-testutils", "v0.0.0-20200624184116-66aa578126db"),
                org.assertj.core.groups.Tuple.tuple("github.com/anchore/go-version", "v1.2.2-0.20200701162849-18adb9c92b9b"),
                org.assertj.core.groups.Tuple.tuple("github.com/anchore/stereoscope", "v0.0.0-20200706164556-7cf39d7f4639"),
                org.assertj.core.groups.Tuple.tuple("github.com/bmatcuk/doublestar", "v8.8.8"),
                org.assertj.core.groups.Tuple.tuple("github.com/go-test/deep", "v1.0.6"));
        assertThat(named(pkgs, "github.com/bmatcuk/doublestar").metadata()).containsEntry("indirect", "true")
                .containsEntry("replaces", "github.com/bmatcuk/doublestar@v1.3.1");
        assertThat(named(pkgs, "github.com/go-test/deep").metadata()).doesNotContainKey("indirect"); // "// a comment"
        assertThat(named(pkgs, "github.com/anchore/archiver/v3").purl())
                .isEqualTo("pkg:golang/github.com/anchore/archiver/v3@v3.5.2");
    }

    @Test
    void syftGoSumHashesAreDigestsNotVersions() throws Exception {
        List<Package> pkgs = syft("go-sum-hashes");
        assertThat(pkgs).extracting(Package::name, Package::version).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("github.com/CycloneDX/cyclonedx-go", "v0.6.0"),
                org.assertj.core.groups.Tuple.tuple("github.com/acarl005/stripansi", "v0.0.0-20180116102854-5a71ef0e047d"),
                org.assertj.core.groups.Tuple.tuple("github.com/mgutz/ansi", "v0.0.0-20200706080929-d51e80ef957d"));
        assertThat(named(pkgs, "github.com/CycloneDX/cyclonedx-go").metadata()).doesNotContainKey("h1Digest");
        assertThat(named(pkgs, "github.com/acarl005/stripansi").metadata())
                .containsEntry("h1Digest", "h1:licZJFw2RwpHMqeKTCYkitsPqHNxTmd4SNR5r94FGM8=");
        assertThat(named(pkgs, "github.com/mgutz/ansi").metadata())
                .containsEntry("h1Digest", "h1:5PJl274Y63IEHC+7izoQE9x6ikvDFZS2mDVS3drnohI=").containsEntry("indirect", "true");
    }

    @Test
    void syftSourceReplacementsAndTheSmallImage() throws Exception {
        List<Package> pkgs = syft("go-source-replacements");
        assertThat(pkgs).extracting(Package::name, Package::version).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("rsc.io/quote", "v1.5.2"),
                org.assertj.core.groups.Tuple.tuple("rsc.io/sampler", "v1.3.1"),
                org.assertj.core.groups.Tuple.tuple("golang.org/x/text", "v0.0.0-20170915032832-14c0d48ead0c"));
        assertThat(named(pkgs, "rsc.io/quote").metadata()).containsEntry("replaces", "rsc.io/quote@v1.5.1")
                .containsEntry("h1Digest", "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=");
        assertThat(syft("image-small")).hasSize(10).allSatisfy(p -> assertThat(p.metadata()).containsKey("h1Digest"));
    }

    @Test
    void syftCorruptFixtureIsRefusedAsGoWould() throws Exception {
        byte[] corrupt = Files.readAllBytes(SharedCorpus.require(SYFT + "corrupt/go.mod"));
        assertThatThrownBy(() -> GoModParser.parse("/src/go.mod", corrupt)).isInstanceOf(PackageDbException.class)
                .hasMessage("/src/go.mod: unknown directive 'ruire' at line 5");
        // and its damaged go.sum gives what it can without complaint
        Map<String, String> sums = GoSum.parse(Files.readAllBytes(SharedCorpus.require(SYFT + "corrupt/go.sum")));
        assertThat(sums).containsOnlyKeys("github.com/Cycpansi v0.0.0-20180116102854-5a71ef0e047d");
    }

    @Test
    void everyDirectiveFormAndGosNarrowerRules() throws Exception {
        GoModFile mod = parse("""
                // comment line
                module (
                    "example.com/app"
                )
                go 1.22
                toolchain go1.22.4
                godebug (
                    default=go1.21
                )
                retract [v1.0.0, v1.0.5] // bad releases
                require example.com/a v1.0.0
                require (
                \texample.com/b v1.1.0 // indirect; needed by a
                \texample.com/c v0.2.0
                \texample.com/d v2.0.0+incompatible
                )
                replace example.com/a v0.9.0 => example.com/a v0.9.1
                replace example.com/c v0.2.0 => example.com/c-fork v0.2.1
                replace example.com/unrequired => example.com/unrequired v1.2.3
                exclude example.com/d v1.0.0
                exclude example.com/b v1.1.0
                tool example.com/gen
                """);
        assertThat(mod.module()).isEqualTo("example.com/app");
        assertThat(mod.requires()).extracting(GoModFile.Require::path, GoModFile.Require::indirect).containsExactly(
                org.assertj.core.groups.Tuple.tuple("example.com/a", false),
                org.assertj.core.groups.Tuple.tuple("example.com/b", true),
                org.assertj.core.groups.Tuple.tuple("example.com/c", false),
                org.assertj.core.groups.Tuple.tuple("example.com/d", false));
        List<Package> pkgs = GoModCataloger.packages(mod, "/src/go.mod", Map.of());
        assertThat(pkgs).extracting(Package::name, Package::version).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("example.com/a", "v1.0.0"), // the replace names another version
                org.assertj.core.groups.Tuple.tuple("example.com/c-fork", "v0.2.1"),
                org.assertj.core.groups.Tuple.tuple("example.com/d", "v2.0.0+incompatible"), // other version excluded
                org.assertj.core.groups.Tuple.tuple("example.com/unrequired", "v1.2.3"));
        assertThat(named(pkgs, "example.com/unrequired").metadata()).containsEntry("replaces", "example.com/unrequired");
    }

    @Test
    void malformedLinesAreWarningsUnclosedBlocksAreErrors() throws Exception {
        ParseResult<GoModFile> r = GoModParser.parse("/src/go.mod", """
                module example.com/app
                require example.com/a
                require example.com/b v1 extra
                replace example.com/c => example.com/d
                replace => nothing
                exclude example.com/e
                require "example.com/unterminated v1.0.0
                require example.com/ok v1.0.0
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(r.warnings()).extracting(ParseWarning::line).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(r.packages().get(0).requires()).extracting(GoModFile.Require::path).containsExactly("example.com/ok");
        assertThatThrownBy(() -> parse("module x\nrequire (\n\texample.com/a v1.0.0\n"))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("never closed");
        assertThatThrownBy(() -> parse("\u0000\u0001binary garbage\n")).isInstanceOf(PackageDbException.class);
    }
}
