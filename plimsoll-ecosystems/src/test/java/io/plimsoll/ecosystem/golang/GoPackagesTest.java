package io.plimsoll.ecosystem.golang;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoPackagesTest {

    private final List<String> warnings = new ArrayList<>();

    private static GoModule mod(String path, String version, String sum) {
        return new GoModule(path, version, sum, null);
    }

    private List<Package> of(GoBuildInfo info) {
        return GoPackages.of(info, "/bin/app", warnings::add);
    }

    private static Package named(List<Package> pkgs, String name) {
        return pkgs.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void replacementsAreWhatTheBuildUsed() {
        GoBuildInfo info = new GoBuildInfo("go1.22.3 X:loopvar", "example.com/app", mod("example.com/app", "v1.2.0", "h1:m="),
                List.of(mod("example.com/app", "v1.2.0", "h1:m="),
                        mod("github.com/old/lib", "v1.0.0", "").withReplace(mod("github.com/new/lib", "v1.0.1", "h1:n=")),
                        mod("github.com/mine/lib", "v0.3.0", "").withReplace(mod("../lib", "", "")),
                        mod("github.com/Azure/go-autorest", "v14.2.0+incompatible", "h1:a=")),
                Map.of("GOARCH", "arm64"));
        List<Package> pkgs = of(info);
        assertThat(warnings).isEmpty();
        // the main module listed again among the dependencies is not reported twice
        assertThat(pkgs).extracting(Package::name).containsExactly("example.com/app", "github.com/new/lib",
                "github.com/mine/lib", "github.com/Azure/go-autorest", "stdlib");
        assertThat(pkgs).allSatisfy(p -> assertThat(p.arch()).isEqualTo("arm64"));
        Package main = named(pkgs, "example.com/app");
        assertThat(main.version()).isEqualTo("v1.2.0");
        assertThat(main.purl()).isEqualTo("pkg:golang/example.com/app@v1.2.0");
        assertThat(main.metadata()).containsEntry("h1Digest", "h1:m=").containsEntry("goExperiments", "loopvar")
                .doesNotContainKey("packagePath");
        Package replaced = named(pkgs, "github.com/new/lib");
        assertThat(replaced.version()).isEqualTo("v1.0.1");
        assertThat(replaced.metadata()).containsEntry("replaces", "github.com/old/lib@v1.0.0").containsEntry("h1Digest", "h1:n=");
        Package local = named(pkgs, "github.com/mine/lib");
        assertThat(local.version()).isEmpty(); // the directory's code is not the v0.3.0 release
        assertThat(local.purl()).isEqualTo("pkg:golang/github.com/mine/lib");
        assertThat(local.metadata()).containsEntry("replacedBy", "../lib");
        // the package-url library lowercases golang namespaces; the name keeps Go's spelling
        assertThat(named(pkgs, "github.com/Azure/go-autorest").purl())
                .isEqualTo("pkg:golang/github.com/azure/go-autorest@v14.2.0%2Bincompatible");
        assertThat(named(pkgs, "stdlib").metadata()).containsEntry("goVersion", "go1.22.3")
                .containsEntry("mainModule", "example.com/app");
    }

    @Test
    void builtFromFilesTheLoneDevelDependencyIsTheMainModule() {
        GoBuildInfo info = new GoBuildInfo("go1.21.0", "command-line-arguments", mod("command-line-arguments", "", ""),
                List.of(mod("example.com/tool", "(devel)", ""), mod("golang.org/x/text", "v0.14.0", "h1:t=")), Map.of());
        List<Package> pkgs = of(info);
        assertThat(pkgs).extracting(Package::name).containsExactly("example.com/tool", "golang.org/x/text", "stdlib");
        assertThat(pkgs.get(0).version()).isEmpty();
        assertThat(pkgs.get(0).metadata()).containsEntry("moduleVersion", "(devel)");
        assertThat(pkgs.get(0).files()).containsExactly("/bin/app");
    }

    @Test
    void withNothingToNameTheMainModuleOnlyDependenciesAndStdlibRemain() {
        GoBuildInfo info = new GoBuildInfo("go1.21.0", "command-line-arguments", null,
                List.of(mod("golang.org/x/text", "v0.14.0", "")), Map.of());
        assertThat(of(info)).extracting(Package::name).containsExactly("golang.org/x/text", "stdlib");
    }

    @Test
    void aDevelToolchainGivesNoStdlibPackage() {
        GoBuildInfo info = new GoBuildInfo("devel go1.23-4b6a0b1 Tue Jan 2 15:04:05 2024 +0000", "example.com/x",
                mod("example.com/x", "(devel)", ""), List.of(), Map.of());
        List<Package> pkgs = of(info);
        assertThat(pkgs).extracting(Package::name).containsExactly("example.com/x");
        assertThat(pkgs.get(0).metadata()).containsEntry("goVersion", "devel go1.23-4b6a0b1 Tue Jan 2 15:04:05 2024 +0000");
        assertThat(warnings).singleElement().asString().contains("not a release");
    }
}
