package io.plimsoll.ecosystem.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.image.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * syft's JavaScript fixtures, read in place, against what syft's own tests expect of them (parse_package_json_test,
 * parse_package_lock_test, parse_yarn_lock_test, parse_pnpm_lock_test). syft drops dev packages by default; here
 * they are kept and marked, so syft's lists are compared with the production packages, and the dev ones are
 * checked on their own.
 */
class NpmCorpusTest {

    static final String JS = "corpus/syft/syft/pkg/cataloger/javascript/testdata/";

    static byte[] bytes(String fixture) throws IOException {
        return Files.readAllBytes(SharedCorpus.require(JS + fixture));
    }

    static PackageJson packageJson(String fixture) throws IOException {
        return PackageJson.parse("/" + fixture, bytes(fixture));
    }

    static ParseResult<NpmEntry> lock(String fixture) throws IOException {
        return PackageLockParser.parse("/" + fixture, bytes(fixture));
    }

    static ParseResult<NpmEntry> yarn(String fixture, String packageJson) throws IOException {
        Optional<PackageJson> project = packageJson == null ? Optional.empty() : Optional.of(packageJson(packageJson));
        return YarnLockParser.parse("/" + fixture, bytes(fixture), project);
    }

    static ParseResult<NpmEntry> pnpm(String fixture) throws IOException {
        return PnpmLockParser.parse("/" + fixture, bytes(fixture));
    }

    static List<NpmEntry> prod(ParseResult<NpmEntry> r) {
        return r.packages().stream().filter(e -> !"true".equals(e.metadata().get("dev"))).toList();
    }

    static NpmEntry named(ParseResult<NpmEntry> r, String name, String version) {
        return r.packages().stream().filter(e -> e.name().equals(name) && e.version().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError(name + "@" + version + " not in " + r.packages()));
    }

    // package.json

    @Test
    void packageJsonLicensesInEveryForm() throws IOException {
        Map<String, List<String>> expected = Map.of(
                "package.json", List.of("Artistic-2.0"),
                "package-license-object.json", List.of("ISC"),
                "package-license-objects.json", List.of("MIT", "Apache-2.0"),
                "package-no-license.json", List.of(),
                "package-nested-author.json", List.of("Artistic-2.0"),
                "package-repo-string.json", List.of("MIT"),
                "package-private.json", List.of("Artistic-2.0"),
                // syft finds no license in "licenses": ["MIT"]; npm's old packages wrote exactly that, so it counts
                "package-malformed-license.json", List.of("MIT"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            PackageJson p = packageJson("pkg-json/" + e.getKey());
            assertThat(p.licenses()).as(e.getKey()).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void packageJsonPeopleAsSyftWritesThem() throws IOException {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("package.json", "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)"),
                Map.entry("package-nested-author.json", "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)"),
                Map.entry("package-author-non-standard.json", "npm Inc. (https://www.npmjs.com/)"),
                Map.entry("package-repo-string.json", "Raynos <raynos2@gmail.com>, Raynos, Jordan Harband (https://github.com/ljharb)"),
                Map.entry("package-authors-array.json", "Harry Potter <hp@hogwards.com> (http://youknowwho.com/), John Smith <j.smith@something.com> (http://awebsite.com/)"),
                Map.entry("package-authors-objects.json", "Harry Potter <hp@hogwards.com> (http://youknowwho.com/), John Smith <j.smith@something.com> (http://awebsite.com/)"),
                Map.entry("package-both-author-and-authors.json", "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me), Harry Potter <hp@hogwards.com> (http://youknowwho.com/), John Smith <j.smith@something.com> (http://awebsite.com/)"),
                Map.entry("package-contributors.json", "Alice Contributor <alice@example.com>, Bob Helper <bob@example.com>"),
                Map.entry("package-maintainers.json", "Charlie Maintainer <charlie@example.com>, Diana Keeper <diana@example.com>"),
                Map.entry("package-contributors-string.json", "https://github.com/TryGhost/Ghost/graphs/contributors"),
                Map.entry("package-authors-string.json", "Harry Potter <hp@hogwards.com> (http://youknowwho.com/)"),
                Map.entry("package-maintainers-object.json", "Charlie Maintainer <charlie@example.com>"),
                Map.entry("package-all-author-fields.json", "Main Author <main@example.com>, Second Author <second@example.com>, Contrib One <contrib1@example.com>, Maintainer One <maintain1@example.com>"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            PackageJson p = packageJson("pkg-json/" + e.getKey());
            assertThat(p.metadata().get("author")).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void packageJsonPackageAndPurl() throws IOException {
        NpmEntry npm = packageJson("pkg-json/package.json").entry(false).orElseThrow();
        assertThat(npm.name()).isEqualTo("npm");
        assertThat(npm.version()).isEqualTo("6.14.6");
        assertThat(npm.metadata()).containsEntry("homepage", "https://docs.npmjs.com/")
                .containsEntry("repository", "https://github.com/npm/cli").doesNotContainKey("project");
        assertThat(npm.toPackage("npm", "/x/package.json").purl()).isEqualTo("pkg:npm/npm@6.14.6");
        assertThat(packageJson("pkg-json/package-private.json").metadata()).containsEntry("private", "true");
        assertThat(packageJson("pkg-json/package-repo-string.json").metadata())
                .containsEntry("repository", "git://github.com/Raynos/function-bind.git");
        NpmEntry ghost = packageJson("pkg-json/package-contributors-string.json").entry(true).orElseThrow();
        assertThat(ghost.metadata()).containsEntry("project", "true");
    }

    @Test
    void packageJsonWithoutNameOrVersionIsNoPackage() throws IOException {
        // syft raises a nameless package and filters it later; here it never becomes one
        assertThat(packageJson("pkg-json/package-partial.json").entry(false)).isEmpty();
    }

    @Test
    void corruptPackageJsonNamesTheLine() {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        assertThatThrownBy(() -> packageJson("corrupt/package.json")).isInstanceOf(PackageDbException.class)
                .hasMessageStartingWith("/corrupt/package.json: line 3");
    }

    // package-lock.json

    @Test
    void packageLockV1() throws IOException {
        ParseResult<NpmEntry> r = lock("pkg-lock/package-lock.json");
        assertThat(r.warnings()).isEmpty();
        // the fixture also holds a dev package under a v2-style key, which syft's default (no dev) drops
        assertThat(named(r, "async", "3.2.4").metadata()).containsEntry("dev", "true");
        assertThat(prod(r)).extracting(NpmEntry::name, NpmEntry::version, e -> e.toPackage("npm", "/l").purl())
                .containsExactlyInAnyOrder(
                        tuple("@actions/core", "1.6.0", "pkg:npm/%40actions/core@1.6.0"),
                        tuple("ansi-regex", "3.0.0", "pkg:npm/ansi-regex@3.0.0"),
                        tuple("cowsay", "1.4.0", "pkg:npm/cowsay@1.4.0"),
                        tuple("get-stdin", "5.0.1", "pkg:npm/get-stdin@5.0.1"),
                        tuple("is-fullwidth-code-point", "2.0.0", "pkg:npm/is-fullwidth-code-point@2.0.0"),
                        tuple("minimist", "0.0.10", "pkg:npm/minimist@0.0.10"),
                        tuple("optimist", "0.6.1", "pkg:npm/optimist@0.6.1"),
                        tuple("string-width", "2.1.1", "pkg:npm/string-width@2.1.1"),
                        tuple("strip-ansi", "4.0.0", "pkg:npm/strip-ansi@4.0.0"),
                        tuple("strip-eof", "1.0.0", "pkg:npm/strip-eof@1.0.0"),
                        tuple("wordwrap", "0.0.3", "pkg:npm/wordwrap@0.0.3"));
        assertThat(named(r, "@actions/core", "1.6.0").metadata())
                .containsEntry("resolved", "https://registry.npmjs.org/@actions/core/-/core-1.6.0.tgz")
                .containsEntry("integrity", "sha512-NB1UAZomZlCV/LmJqkLhNTqtKfFXJZAUPcfl/zqG7EfsQdeUJtaWO98SGbuQ3pydJ3fHl2CvI/51OKYlCYYcaw==")
                .containsEntry("dev", "false");
    }

    @Test
    void packageLockV1NestedTreeIsWalkedAndDevSubtreesAreDev() throws IOException {
        ParseResult<NpmEntry> r = lock("pkg-lock/nested-package-lock-1.json");
        assertThat(prod(r)).extracting(NpmEntry::name, NpmEntry::version).containsExactlyInAnyOrder(
                tuple("duplicate", "1.0.0"), tuple("middle", "1.0.0"), tuple("parent", "1.0.0"),
                tuple("shared", "0.5.0"), tuple("shared", "1.0.0"), tuple("shared", "2.0.0"));
        // syft leaves out the dev subtree; it is kept here, marked
        assertThat(named(r, "dev-parent", "1.0.0").metadata()).containsEntry("dev", "true");
        assertThat(named(r, "dev-nested", "1.0.0").metadata()).containsEntry("dev", "true");
        assertThat(r.packages()).hasSize(8);
    }

    @Test
    void packageLockV2() throws IOException {
        ParseResult<NpmEntry> r = lock("pkg-lock/package-lock-2.json");
        assertThat(prod(r)).extracting(NpmEntry::name, NpmEntry::version, NpmEntry::licenses).containsExactlyInAnyOrder(
                tuple("npm", "6.14.6", List.of()),
                tuple("@types/prop-types", "15.7.5", List.of("MIT")),
                tuple("@types/react", "18.0.17", List.of("MIT")),
                tuple("@types/scheduler", "0.16.2", List.of("MIT")),
                tuple("csstype", "3.1.0", List.of("MIT")));
        assertThat(named(r, "npm", "6.14.6").metadata()).containsEntry("project", "true").doesNotContainKey("dev");
        assertThat(named(r, "async", "3.2.4").metadata()).containsEntry("dev", "true");
        assertThat(named(r, "@types/react", "18.0.17").toPackage("npm", "/l").purl()).isEqualTo("pkg:npm/%40types/react@18.0.17");
    }

    @Test
    void packageLockV3() throws IOException {
        ParseResult<NpmEntry> r = lock("pkg-lock/package-lock-3.json");
        assertThat(prod(r)).extracting(NpmEntry::name, NpmEntry::version).containsExactlyInAnyOrder(
                tuple("lock-v3-fixture", "1.0.0"), tuple("@types/prop-types", "15.7.5"), tuple("@types/react", "18.0.20"),
                tuple("@types/scheduler", "0.16.2"), tuple("csstype", "3.1.1"));
        assertThat(named(r, "csstype", "3.1.1").metadata()).containsEntry("integrity",
                "sha512-DJR/VvkAvSZW9bTouZue2sSxDwdTN92uHjqeKVm+0dAqdfNykRzQ95tay8aXMBAAPpUiq4Qcug2L7neoRh2Egw==");
        assertThat(named(r, "async", "3.2.4").metadata()).containsEntry("dev", "true");
    }

    @Test
    void packageLockAliasesInstallTheAliasedPackage() throws IOException {
        for (String v : List.of("1", "2")) {
            ParseResult<NpmEntry> r = lock("pkg-lock/alias-package-lock-" + v + ".json");
            assertThat(r.packages()).extracting(NpmEntry::name, NpmEntry::version).as("v" + v).contains(
                    tuple("case", "1.6.2"), tuple("case", "1.6.3"), tuple("@bundled-es-modules/chai", "4.2.2"));
            assertThat(r.packages()).hasSize(v.equals("1") ? 3 : 4);
        }
        assertThat(named(lock("pkg-lock/alias-package-lock-2.json"), "alias-check", "1.0.0").licenses()).containsExactly("ISC");
    }

    @Test
    void packageLockLicenseArrays() throws IOException {
        ParseResult<NpmEntry> r = lock("pkg-lock/array-license-package-lock.json");
        assertThat(r.packages()).extracting(NpmEntry::name, NpmEntry::version, NpmEntry::licenses).containsExactlyInAnyOrder(
                tuple("tmp", "1.0.0", List.of("ISC")),
                tuple("pause-stream", "0.0.11", List.of("MIT", "Apache2")),
                tuple("through", "2.3.8", List.of("MIT")));
    }

    @Test
    void corruptPackageLockIsAnErrorNamingTheFile() {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        assertThatThrownBy(() -> lock("corrupt/package-lock.json")).isInstanceOf(PackageDbException.class)
                .hasMessageStartingWith("/corrupt/package-lock.json: line ");
    }

    // yarn.lock

    static final List<String> YARN_NAMES = List.of("@babel/code-frame@7.10.4", "@types/minimatch@3.0.3",
            "@types/qs@6.9.4", "ajv@6.12.3", "asn1.js@4.10.1", "atob@2.1.2", "aws-sdk@2.706.0", "jhipster-core@7.3.4");

    static List<String> nameVersions(List<NpmEntry> entries) {
        return entries.stream().map(e -> e.name() + "@" + e.version()).toList();
    }

    @Test
    void yarnV1() throws IOException {
        ParseResult<NpmEntry> r = yarn("yarn/yarn.lock", null);
        assertThat(r.warnings()).isEmpty();
        // the resolved URL of the public registry names the package, whatever the entry's descriptor says
        assertThat(nameVersions(r.packages())).containsExactlyInAnyOrderElementsOf(
                concat(YARN_NAMES, "something-i-made-up@7.7.7"));
        NpmEntry frame = named(r, "@babel/code-frame", "7.10.4");
        assertThat(frame.metadata()).containsEntry("resolved",
                        "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.10.4.tgz#168da1a36e90da68ae8d49c0f1b48c7c6249213a")
                .containsEntry("integrity", "sha512-vG6SvB6oYEhvgisZNFRmRCUkLz11c7rp+tbNTynGqc6mS1d5ATd/sGyV6W0KZZnXRKMTzZDRgQT3Ou9jhpAfUg==")
                .doesNotContainKey("dev"); // no package.json beside it: unknown
        assertThat(frame.toPackage("npm", "/l").purl()).isEqualTo("pkg:npm/%40babel/code-frame@7.10.4");
        assertThat(nameVersions(yarn("yarn-v1-deps/yarn.lock", null).packages())).containsExactlyInAnyOrderElementsOf(
                concat(YARN_NAMES, "something-i-made-up@7.7.7"));
    }

    @Test
    void yarnBerry() throws IOException {
        ParseResult<NpmEntry> r = yarn("yarn-berry/yarn.lock", null);
        assertThat(nameVersions(r.packages())).containsExactlyInAnyOrderElementsOf(concat(YARN_NAMES, "c0n-fab_u.laTION@7.7.7"));
        assertThat(named(r, "@babel/code-frame", "7.10.4").metadata())
                .containsEntry("resolved", "@babel/code-frame@npm:7.10.4")
                .containsEntry("integrity", "feb4543c8a509fe30f0f6e8d7aa84f82b41148b963b826cd330e34986f649a85cb63b2f13dd4effdf434ac555d16f14940b8ea5f4433297c2f5ff85486ded019");
        NpmEntry workspace = named(r, "c0n-fab_u.laTION", "7.7.7");
        assertThat(workspace.metadata()).containsEntry("project", "true");
        assertThat(workspace.toPackage("npm", "/l").purl()).isEqualTo("pkg:npm/c0n-fab_u.laTION@7.7.7");
    }

    @Test
    void yarnDuplicates() throws IOException {
        assertThat(nameVersions(yarn("yarn-dups/yarn.lock", null).packages())).containsExactlyInAnyOrder(
                "async@0.9.2", "async@3.2.3", "merge-objects@1.0.5", "@4lolo/resize-observer-polyfill@1.5.2",
                "should-type@1.3.0");
        assertThat(nameVersions(yarn("yarn-berry-dups/yarn.lock", null).packages()))
                .containsExactlyInAnyOrder("async@3.2.6", "async@0.9.2");
    }

    @Test
    void yarnDevFlagsFromThePackageJsonBesideIt() throws IOException {
        for (String dir : List.of("yarn-dev-deps", "yarn-berry-dev-deps")) {
            ParseResult<NpmEntry> r = yarn(dir + "/yarn.lock", dir + "/package.json");
            assertThat(r.packages()).extracting(NpmEntry::name, e -> e.metadata().get("dev")).as(dir)
                    .containsExactlyInAnyOrder(tuple("dev-only-transitive", "true"), tuple("dev-pkg", "true"),
                            tuple("prod-pkg", "false"), tuple("shared-pkg", "false"));
        }
    }

    @Test
    void yarnRemoteFixtureIsAnOrdinaryLock() throws IOException {
        assertThat(nameVersions(yarn("yarn-remote/yarn.lock", null).packages())).contains("@babel/code-frame@7.10.4");
    }

    // pnpm-lock.yaml

    @Test
    void pnpmV5() throws IOException {
        ParseResult<NpmEntry> r = pnpm("pnpm/pnpm-lock.yaml");
        assertThat(nameVersions(prod(r))).containsExactlyInAnyOrder("nanoid@3.3.4", "picocolors@1.0.0", "source-map-js@1.0.2");
        assertThat(named(r, "@bcoe/v8-coverage", "0.2.3").metadata()).containsEntry("dev", "true").containsEntry(
                "integrity", "sha512-0hYQ8SB4Db5zvZB4axdMHGwEaQjkZzFjQiN9LVYvIFB2nSUHW9tYpxWriPrWDASIxiaXax83REcLxuSdnGPZtw==");
        // syft lists only the packages map and the production importers; the devDependencies importers are packages too
        assertThat(named(r, "@logux/eslint-config", "47.2.0").metadata()).containsEntry("dev", "true");
        assertThat(named(r, "ts-node", "10.9.1").metadata()).containsEntry("dev", "true");
        assertThat(r.packages()).hasSize(3 + 1 + 26);
    }

    @Test
    void pnpmV5PeerSuffixes() throws IOException {
        ParseResult<NpmEntry> r = pnpm("pnpm-v5-peer-suffix/pnpm-lock.yaml");
        assertThat(nameVersions(r.packages())).containsExactlyInAnyOrder("acorn@8.8.0", "acorn-jsx@5.3.2", "webpack-cli@4.10.0");
        assertThat(r.packages()).allSatisfy(e -> assertThat(e.metadata()).containsEntry("dev", "false"));
    }

    @Test
    void pnpmV6() throws IOException {
        ParseResult<NpmEntry> r = pnpm("pnpm-v6/pnpm-lock.yaml");
        assertThat(nameVersions(prod(r))).containsExactlyInAnyOrder("@testing-library/jest-dom@5.16.5",
                "@testing-library/react@13.4.0", "@testing-library/user-event@13.5.0", "react@18.2.0",
                "react-dom@18.2.0", "web-vitals@2.1.4", "@babel/core@7.21.4", "@types/eslint@8.37.0",
                "read-cache@1.0.0", "schema-utils@3.1.2");
        assertThat(named(r, "react", "18.2.0").metadata()).containsEntry("integrity",
                "sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==");
    }

    @Test
    void pnpmV9() throws IOException {
        ParseResult<NpmEntry> r = pnpm("pnpm-v9/pnpm-lock.yaml");
        assertThat(nameVersions(r.packages())).containsExactlyInAnyOrder("@babel/core@7.24.7",
                "@babel/helper-plugin-utils@7.24.7", "is-positive@3.1.0", "rollup@4.18.0");
        assertThat(named(r, "@babel/helper-plugin-utils", "7.24.7").toPackage("npm", "/l").purl())
                .isEqualTo("pkg:npm/%40babel/helper-plugin-utils@7.24.7");
    }

    @Test
    void pnpmV9SnapshotsGiveTheGraph() throws IOException {
        ParseResult<NpmEntry> r = pnpm("pnpm-v9-snapshots/pnpm-lock.yaml");
        assertThat(nameVersions(prod(r))).containsExactlyInAnyOrder("cross-spawn@7.0.6", "isexe@2.0.0",
                "path-key@3.1.1", "shebang-command@2.0.0", "shebang-regex@3.0.0", "which@2.0.2");
    }

    @Test
    void pnpmMultiDocumentStream() throws IOException {
        ParseResult<NpmEntry> r = pnpm("pnpm-multi-doc/pnpm-lock.yaml");
        assertThat(nameVersions(r.packages())).containsExactlyInAnyOrder("@pnpm/exe.linux-x64@12.0.0-rc.3",
                "minimist@1.2.0", "pnpm@12.0.0-rc.3");
        assertThat(named(r, "minimist", "1.2.0").metadata()).containsEntry("dev", "false");
    }

    @Test
    void corruptPnpmLockNamesTheLine() {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        assertThatThrownBy(() -> pnpm("corrupt/pnpm-lock.yaml")).isInstanceOf(PackageDbException.class)
                .hasMessageStartingWith("/corrupt/pnpm-lock.yaml: line ");
    }

    @Test
    void bogusFilesWithLockfileNamesAreErrorsNotCrashes() {
        assumeSharedCorpus(); // before any lambda: a skip thrown inside assertThatThrownBy would count as a failure
        assertThatThrownBy(() -> lock("glob-paths/src/package-lock.json")).isInstanceOf(PackageDbException.class);
        assertThatThrownBy(() -> pnpm("glob-paths/src/pnpm-lock.yaml")).isInstanceOf(PackageDbException.class);
        assertThatThrownBy(() -> yarn("glob-paths/src/yarn.lock", null)).isInstanceOf(PackageDbException.class);
        assertThatThrownBy(() -> packageJson("glob-paths/src/package.json")).isInstanceOf(PackageDbException.class);
    }

    /**
     * Every file of syft's javascript/testdata that is an npm manifest or lockfile (bun.lock, deno.lock and the
     * registry responses are other formats): all parse, only the corrupt/ and glob-paths/ ones are refused, and
     * every other lockfile yields packages.
     */
    @Test
    void everyFixtureParsesOrIsRefusedWithAReason() throws IOException {
        java.nio.file.Path root = SharedCorpus.require(JS);
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int read = 0;
        int refused = 0;
        for (java.nio.file.Path f : files) {
            String rel = root.relativize(f).toString();
            String base = f.getFileName().toString();
            boolean damaged = rel.startsWith("corrupt/") || rel.startsWith("glob-paths/");
            try {
                List<NpmEntry> entries;
                if (base.equals("yarn.lock")) {
                    entries = YarnLockParser.parse("/" + rel, Files.readAllBytes(f), Optional.empty()).packages();
                } else if (base.equals("pnpm-lock.yaml")) {
                    entries = PnpmLockParser.parse("/" + rel, Files.readAllBytes(f)).packages();
                } else if (base.endsWith(".json") && base.contains("package-lock")) {
                    entries = PackageLockParser.parse("/" + rel, Files.readAllBytes(f)).packages();
                } else if (base.startsWith("package") && base.endsWith(".json")) {
                    entries = PackageJson.parse("/" + rel, Files.readAllBytes(f)).entry(false).map(List::of).orElse(List.of());
                } else {
                    continue;
                }
                assertThat(damaged).as(rel + " was expected to be refused").isFalse();
                if (!base.startsWith("package-partial")) {
                    assertThat(entries).as(rel).isNotEmpty();
                }
                read++;
            } catch (PackageDbException e) {
                assertThat(damaged).as(rel + ": " + e.getMessage()).isTrue();
                assertThat(e.getMessage()).startsWith("/" + rel + ": ");
                refused++;
            }
        }
        assertThat(read).isEqualTo(45);
        assertThat(refused).isEqualTo(7);
    }

    static List<String> concat(List<String> a, String b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }

    private static void assumeSharedCorpus() {
        io.plimsoll.image.testing.SharedCorpus.require("corpus/syft");
    }
}
