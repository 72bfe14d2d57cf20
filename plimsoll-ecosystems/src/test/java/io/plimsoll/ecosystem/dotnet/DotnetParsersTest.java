package io.plimsoll.ecosystem.dotnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarning;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DotnetParsersTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void depsJsonKindsOfLibrary() throws Exception {
        String deps = """
                {"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0/linux-x64"},
                 "libraries": {
                  "app/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                  "Serilog/3.1.1": {"type": "package", "sha512": "sha512-abc", "path": "serilog/3.1.1"},
                  "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.4": {"type": "runtimepack", "sha512": ""},
                  "Facade/8.0.0.0": {"type": "referenceassembly", "sha512": ""},
                  "Shipped.Ref/2.0.0": {"type": "referenceassembly", "sha512": "sha512-def"},
                  "NoVersion": {"type": "package"}
                 }}""";
        ParseResult<NugetPackage> r = DepsJsonParser.parse("/app/app.deps.json", utf8(deps));
        assertThat(r.packages()).extracting(NugetPackage::name, NugetPackage::version).containsExactly(
                tuple("Serilog", "3.1.1"), tuple("runtimepack.Microsoft.NETCore.App.Runtime.linux-x64", "8.0.4"),
                tuple("Shipped.Ref", "2.0.0"));
        assertThat(r.warnings()).extracting(ParseWarning::toString)
                .containsExactly("/app/app.deps.json: library 'NoVersion' is not Name/Version");
    }

    @Test
    void packagesLockProjectsSkippedUnresolvedWarned() throws Exception {
        String lock = """
                {"version": 2, "dependencies": {"net8.0": {
                  "Lib": {"type": "Project", "dependencies": {"X": "[1.0.0, )"}},
                  "X": {"type": "CentralTransitive", "requested": "[1.0.0, )", "resolved": "1.2.0"},
                  "Broken": {"type": "Transitive"}
                 }, "net6.0": {"X": {"type": "Direct", "requested": "[1.0.0, )", "resolved": "1.2.0"}}}}""";
        ParseResult<NugetPackage> r = PackagesLockParser.parse("/src/packages.lock.json", utf8(lock));
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("X");
            assertThat(p.metadata()).containsEntry("dependencyType", "Direct").containsEntry("targetFrameworks", "net8.0,net6.0");
        });
        assertThat(r.warnings()).extracting(ParseWarning::message).containsExactly("net8.0: Broken has no resolved version");
    }

    @Test
    void jsonThatIsNotTheRightDocument() {
        assertThatThrownBy(() -> DepsJsonParser.parse("/a.deps.json", utf8("{\"targets\": {}}")))
                .hasMessage("/a.deps.json: not a .deps.json: no libraries object");
        assertThatThrownBy(() -> PackagesLockParser.parse("/packages.lock.json", utf8("[1,2]")))
                .hasMessage("/packages.lock.json: not a JSON object");
        assertThatThrownBy(() -> PackagesLockParser.parse("/packages.lock.json", utf8("{\"version\": 1,\n\"dependencies\": {\n")))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/packages.lock.json: line 3: not JSON");
    }

    @Test
    void aByteOrderMarkIsFine() throws Exception {
        byte[] body = utf8("{\"libraries\": {\"A/1.0.0\": {\"type\": \"package\"}}}");
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(DepsJsonParser.parse("/a.deps.json", withBom).packages()).hasSize(1);
    }

    @Test
    void randomBytes() {
        for (int seed = 0; seed < 30; seed++) {
            byte[] junk = new byte[2048];
            new Random(seed).nextBytes(junk);
            for (String path : new String[] {"/x.deps.json", "/packages.lock.json"}) {
                assertThatThrownBy(() -> DotnetCataloger.read(path, junk)).isInstanceOf(PackageDbException.class)
                        .hasMessageStartingWith(path + ": ");
            }
        }
    }

    @Test
    void wantedPaths() {
        assertThat(DotnetCataloger.isWanted("/app/MyApp.deps.json")).isTrue();
        assertThat(DotnetCataloger.isWanted("/src/packages.lock.json")).isTrue();
        assertThat(DotnetCataloger.isWanted("/app/.deps.json")).isFalse();
        assertThat(DotnetCataloger.isWanted("/app/deps.json")).isFalse();
        assertThat(DotnetCataloger.isWanted("/app/my-packages.lock.json")).isFalse();
    }
}
