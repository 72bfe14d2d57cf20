package io.plimsoll.ecosystem.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cases the corpus lacks: workspaces, links, aliases, quoting, pnpm 9's graph, damaged and huge files. */
class NpmParsersTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String dev(ParseResult<NpmEntry> r, String name) {
        return r.packages().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().metadata().get("dev");
    }

    @Test
    void pathsTellInstalledPackagesFromEverythingElse() {
        assertThat(NpmFile.of("/app/node_modules/lodash/package.json")).isEqualTo(NpmFile.INSTALLED);
        assertThat(NpmFile.of("/app/node_modules/@babel/core/package.json")).isEqualTo(NpmFile.INSTALLED);
        assertThat(NpmFile.of("/usr/lib/node_modules/npm/node_modules/semver/package.json")).isEqualTo(NpmFile.INSTALLED);
        assertThat(NpmFile.of("/app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json"))
                .isEqualTo(NpmFile.INSTALLED);
        assertThat(NpmFile.of("/app/node_modules/lodash/fp/package.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/app/node_modules/@babel/core/lib/package.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/app/node_modules/.cache/package.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/app/node_modules/@scope/package.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/app/package.json")).isEqualTo(NpmFile.PROJECT);
        assertThat(NpmFile.of("/app/package-lock.json")).isEqualTo(NpmFile.PACKAGE_LOCK);
        assertThat(NpmFile.of("/app/npm-shrinkwrap.json")).isEqualTo(NpmFile.PACKAGE_LOCK);
        assertThat(NpmFile.of("/app/node_modules/.package-lock.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/app/node_modules/left-pad/yarn.lock")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/app/yarn.lock")).isEqualTo(NpmFile.YARN_LOCK);
        assertThat(NpmFile.of("/app/pnpm-lock.yaml")).isEqualTo(NpmFile.PNPM_LOCK);
        assertThat(NpmFile.of("/app/package.json.bak")).isEqualTo(NpmFile.OTHER);
        // a gem's editor plugin, as found on a real Ruby install: its authors' lock, nothing installed
        assertThat(NpmFile.of("/usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package.json")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/usr/lib/python3/dist-packages/x/static/yarn.lock")).isEqualTo(NpmFile.OTHER);
        assertThat(NpmFile.of("/srv/gems/package-lock.json")).isEqualTo(NpmFile.PACKAGE_LOCK);
    }

    @Test
    void packageLockV3WorkspacesLinksAndOddValues() throws PackageDbException {
        String lock = "{\"lockfileVersion\": 3, \"packages\": {"
                + "\"\": {\"name\": \"mono\", \"version\": \"1.0.0\", \"workspaces\": [\"packages/*\"]},"
                + "\"packages/web\": {\"name\": \"@mono/web\", \"version\": \"0.1.0\"},"
                + "\"packages/unnamed\": {},"
                + "\"node_modules/@mono/web\": {\"resolved\": \"packages/web\", \"link\": true},"
                + "\"node_modules/a\": {\"version\": \"1.0.0\", \"devOptional\": true},"
                + "\"node_modules/b\": {\"version\": 2, \"dev\": \"yes\"},"
                + "\"node_modules/c\": {\"dev\": true},"
                + "\"node_modules/d\": [],"
                + "\"packages/web/node_modules/a\": {\"version\": \"1.0.0\", \"dev\": true}"
                + "}}";
        ParseResult<NpmEntry> r = PackageLockParser.parse("/p/package-lock.json", utf8(lock));
        assertThat(r.packages()).extracting(NpmEntry::name, NpmEntry::version, e -> e.metadata().get("dev"),
                e -> e.metadata().get("project")).containsExactly(
                tuple("mono", "1.0.0", null, "true"),
                tuple("@mono/web", "0.1.0", null, "true"),
                tuple("a", "1.0.0", "false", null), // devOptional: installed for optional production use
                tuple("b", "2", "false", null));
        assertThat(r.warnings()).extracting(Object::toString).containsExactly(
                "/p/package-lock.json: packages[\"node_modules/c\"] has no version: skipped",
                "/p/package-lock.json: packages[\"node_modules/d\"] is not an object: skipped");
    }

    @Test
    void yarnV1QuotingEscapesAndLinks() throws PackageDbException {
        String lock = "# yarn lockfile v1\n\n"
                + "\"@scope/x@^1.0.0\", \"@scope/x@~1.2\":\n  version \"1.2.3\"\n  resolved \"https://npm.example.com/x.tgz\"\n"
                + "  dependencies:\n    \"dep-a\" \"^2\"\n\n"
                + "\"my-alias@npm:real-pkg@^3\":\n  version \"3.0.1\"\n\n"
                + "\"local@link:../local\":\n  version \"0.0.0\"\n\n"
                + "weird@1:\n  version \"1.0.0-\\u0062eta\"\n\n"
                + "no-version@1:\n  resolved \"https://x\"\n\n"
                + "garbage line\n  version \"9\"\n\n"
                + "last@1:\r\n  version \"1.0.0\"\r\n\r\n"
                + "\"core@^7\":\n  version \"7.0.0\"\n  resolved \"https://registry.yarnpkg.com/@babel%2fcore/-/core-7.0.0.tgz#ab\"\n\n"
                + "\"bad@^1\":\n  version \"1.0.0\"\n  resolved \"https://registry.yarnpkg.com/b%si/-/b-1.0.0.tgz\"\n";
        ParseResult<NpmEntry> r = YarnLockParser.parse("/a/yarn.lock", utf8(lock), Optional.empty());
        assertThat(r.packages()).extracting(NpmEntry::name, NpmEntry::version).containsExactly(
                tuple("@scope/x", "1.2.3"), tuple("real-pkg", "3.0.1"), tuple("weird", "1.0.0-beta"), tuple("last", "1.0.0"),
                tuple("@babel/core", "7.0.0"));
        assertThat(r.warnings()).extracting(Object::toString).containsExactlyInAnyOrder(
                "/a/yarn.lock:18: entry \"no-version@1\" has no version: skipped",
                "/a/yarn.lock:21: expected an entry such as 'name@range:': skipped",
                "/a/yarn.lock:31: entry \"bad@^1\" has no package name: skipped"); // the URL's "b%si" is no name
    }

    @Test
    void yarnBerryLinksAndLocalWorkspacesAreNotPackages() throws PackageDbException {
        String lock = "__metadata:\n  version: 8\n\n"
                + "\"app@workspace:.\":\n  version: 0.0.0-use.local\n  resolution: \"app@workspace:.\"\n"
                + "  dependencies:\n    left-pad: ^1.3.0\n  languageName: unknown\n  linkType: soft\n\n"
                + "\"lib@link:../lib::locator=app%40workspace%3A.\":\n  version: 0.0.0-use.local\n  resolution: \"lib@link:../lib::locator=app%40workspace%3A.\"\n\n"
                + "\"left-pad@npm:^1.3.0\":\n  version: 1.3.0\n  resolution: \"left-pad@npm:1.3.0\"\n  checksum: 10c0/abc\n";
        ParseResult<NpmEntry> r = YarnLockParser.parse("/a/yarn.lock", utf8(lock),
                Optional.of(PackageJson.parse("/a/package.json", utf8("{\"dependencies\": {\"left-pad\": \"^1.3.0\"}}"))));
        assertThat(r.packages()).extracting(NpmEntry::name, NpmEntry::version, e -> e.metadata().get("dev"))
                .containsExactly(tuple("left-pad", "1.3.0", "false"));
    }

    @Test
    void corruptYarnBerryIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> YarnLockParser.parse("/a/yarn.lock",
                utf8("__metadata:\n  version: 8\n\"a@npm:1\":\n  version: [1\n"), Optional.empty()))
                .isInstanceOf(PackageDbException.class).hasMessageStartingWith("/a/yarn.lock: line ");
    }

    @Test
    void pnpm9DevAndProductionFromTheImportersThroughSnapshots() throws PackageDbException {
        String lock = "lockfileVersion: '9.0'\n"
                + "importers:\n  .:\n    dependencies:\n      express:\n        specifier: ^4\n        version: 4.19.2\n"
                + "      str-cjs:\n        specifier: npm:string-width@^4\n        version: string-width@4.2.3\n"
                + "      lib:\n        specifier: workspace:*\n        version: link:packages/lib\n"
                + "    devDependencies:\n      vitest:\n        specifier: ^1\n        version: 1.6.0(@types/node@20.1.0)\n"
                + "packages:\n  express@4.19.2:\n    resolution: {integrity: sha512-e}\n"
                + "  debug@2.6.9:\n    resolution: {integrity: sha512-d}\n"
                + "  string-width@4.2.3:\n    resolution: {integrity: sha512-s}\n"
                + "  vitest@1.6.0:\n    resolution: {integrity: sha512-v}\n"
                + "  tinypool@0.8.4:\n    resolution: {integrity: sha512-t}\n"
                + "  orphan@1.0.0:\n    resolution: {integrity: sha512-o}\n"
                + "snapshots:\n  express@4.19.2:\n    dependencies:\n      debug: 2.6.9\n"
                + "  debug@2.6.9: {}\n  string-width@4.2.3: {}\n"
                + "  vitest@1.6.0(@types/node@20.1.0):\n    dependencies:\n      tinypool: 0.8.4\n      debug: 2.6.9\n"
                + "  tinypool@0.8.4: {}\n  orphan@1.0.0: {}\n";
        ParseResult<NpmEntry> r = PnpmLockParser.parse("/a/pnpm-lock.yaml", utf8(lock));
        assertThat(r.packages()).extracting(NpmEntry::name, e -> e.metadata().get("dev")).containsExactlyInAnyOrder(
                tuple("express", "false"), tuple("debug", "false"), tuple("string-width", "false"),
                tuple("vitest", "true"), tuple("tinypool", "true"), tuple("orphan", null));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void pnpm6AliasesAndNonRegistryPackages() throws PackageDbException {
        String lock = "lockfileVersion: '6.0'\n"
                + "dependencies:\n  my-react:\n    specifier: npm:react@18\n    version: /react@18.2.0\n"
                + "  gitdep:\n    specifier: github:o/r\n    version: github.com/o/r/abc123\n"
                + "packages:\n  /react@18.2.0:\n    resolution: {integrity: sha512-r}\n    dev: false\n"
                + "  github.com/o/r/abc123:\n    resolution: {tarball: https://codeload.github.com/o/r/tar.gz/abc123}\n"
                + "    name: gitdep\n    version: 2.0.0\n    dev: false\n";
        ParseResult<NpmEntry> r = PnpmLockParser.parse("/a/pnpm-lock.yaml", utf8(lock));
        assertThat(r.packages()).extracting(NpmEntry::name, NpmEntry::version, e -> e.metadata().get("resolved"))
                .containsExactlyInAnyOrder(tuple("react", "18.2.0", null),
                        tuple("gitdep", "2.0.0", "https://codeload.github.com/o/r/tar.gz/abc123"));
    }

    @Test
    void pnpmWithoutAMapIsAnError() {
        assertThatThrownBy(() -> PnpmLockParser.parse("/a/pnpm-lock.yaml", utf8("just text\n")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("not a pnpm lockfile");
    }

    @Test
    void packageJsonOfAnyShapeIsReadOrRefusedNeverCrashes() throws PackageDbException {
        assertThatThrownBy(() -> PackageJson.parse("/p/package.json", utf8("[1, 2]")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("not an object");
        PackageJson odd = PackageJson.parse("/p/package.json", utf8("{\"name\": [\"x\"], \"version\": {}, "
                + "\"license\": 7, \"author\": [[\"nested\"]], \"repository\": 3, \"dependencies\": \"none\"}"));
        assertThat(odd.entry(false)).isEmpty();
        PackageJson scoped = PackageJson.parse("/p/package.json", utf8("{\"name\": \"@x/y\", \"version\": \"1.0.0\", "
                + "\"license\": [\"MIT\", {\"type\": \"Apache-2.0\"}], \"licenses\": [{\"type\": \"GPL\"}]}"));
        assertThat(scoped.entry(false).orElseThrow().licenses()).containsExactly("MIT", "Apache-2.0");
        assertThat(scoped.entry(false).orElseThrow().toPackage("npm", "/p").purl()).isEqualTo("pkg:npm/%40x/y@1.0.0");
        for (String empty : new String[] {"", " \n"}) {
            assertThatThrownBy(() -> PackageJson.parse("/p/package.json", utf8(empty)))
                    .isInstanceOf(PackageDbException.class).hasMessage("/p/package.json: empty file");
        }
        // the whole file must be JSON, and only JSON; a repeated key keeps its last value, as npm does
        assertThatThrownBy(() -> PackageJson.parse("/p/package.json", utf8("{\"name\": \"a\", \"version\": \"1\", "
                + "\"readme\": {\"x\": [1, tru]}}"))).isInstanceOf(PackageDbException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PackageJson.parse("/p/package.json", utf8("[1] {}")))
                .isInstanceOf(PackageDbException.class).hasMessageContaining("unexpected content after the JSON value");
        PackageJson repeated = PackageJson.parse("/p/package.json", utf8("{\"name\": \"a\", \"version\": \"1\", "
                + "\"scripts\": {\"test\": \"x\"}, \"name\": \"b\"}"));
        assertThat(repeated.name()).isEqualTo("b");
    }

    /** Lockfiles of {@code n} chained packages in each format. */
    record Generated(byte[] npm, byte[] yarn, byte[] pnpm) {
        static Generated of(int n) {
            StringBuilder npm = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {\"\": {}");
            StringBuilder yarn = new StringBuilder("# yarn lockfile v1\n\n");
            StringBuilder pnpm = new StringBuilder("lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n"
                    + "      p0:\n        specifier: '1'\n        version: 1.0.0\npackages:\n");
            StringBuilder snapshots = new StringBuilder("snapshots:\n");
            for (int i = 0; i < n; i++) {
                npm.append(",\"node_modules/p").append(i).append("\": {\"version\": \"1.0.").append(i).append("\"}");
                yarn.append("p").append(i).append("@^1:\n  version \"1.0.").append(i).append("\"\n  dependencies:\n    p")
                        .append(i + 1).append(" \"^1\"\n\n");
                pnpm.append("  p").append(i).append("@1.0.0:\n    resolution: {integrity: sha512-x}\n");
                snapshots.append("  p").append(i).append("@1.0.0:\n    dependencies:\n      p").append(i + 1).append(": 1.0.0\n");
            }
            return new Generated(utf8(npm.append("}}").toString()), utf8(yarn.toString()), utf8(pnpm.append(snapshots).toString()));
        }
    }

    /** This thread's CPU time for reading all three lockfiles (wall time means little on a shared build machine). */
    static long cpuNanos(Generated g, int n) throws PackageDbException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        assertThat(PackageLockParser.parse("/a/package-lock.json", g.npm()).packages()).hasSize(n);
        assertThat(YarnLockParser.parse("/a/yarn.lock", g.yarn(), Optional.of(PackageJson.parse(
                "/a/package.json", utf8("{\"devDependencies\": {\"p0\": \"^1\"}}")))).packages())
                .hasSize(n).allSatisfy(e -> assertThat(e.metadata()).containsEntry("dev", "true"));
        assertThat(PnpmLockParser.parse("/a/pnpm-lock.yaml", g.pnpm()).packages())
                .hasSize(n).allSatisfy(e -> assertThat(e.metadata()).containsEntry("dev", "false"));
        return mx.getCurrentThreadCpuTime() - start;
    }

    /** The least of three runs: noise (GC, other processes) only ever adds time. */
    static long bestOf3(Generated g, int n) throws PackageDbException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, cpuNanos(g, n));
        }
        return best;
    }

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hugeLockfilesAreReadInLinearTime() throws PackageDbException {
        int small = 10_000;
        int large = 40_000;
        Generated big = Generated.of(large);
        cpuNanos(big, large); // warm the JIT on the large input, so the small run is not the slow one
        long t1 = bestOf3(Generated.of(small), small);
        long t4 = bestOf3(big, large);
        // four times the entries: about four times the work when linear, sixteen when quadratic
        assertThat(t4).as("CPU ns %d for %d entries vs %d for %d", t4, large, t1, small).isLessThan(8 * t1 + 100_000_000L);
    }
}
