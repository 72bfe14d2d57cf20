package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.Package;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredPackagesTest {

    static Package pkg(String name, String version, String location, List<String> licenses, Map<String, String> meta) {
        return new Package("npm", name, version, "", name, version, licenses, "pkg:npm/" + name + "@" + version, List.of(),
                "npm", location, null, meta);
    }

    static boolean underDir(Package installed, Package declared) {
        return installed.location().startsWith(DeclaredPackages.directory(declared.location()) + "/");
    }

    @Test
    void installedCoversDeclaredAndTakesItsDevFlag() {
        Package installed = pkg("a", "1", "/app/node_modules/a/package.json", List.of("MIT"), Map.of());
        Package other = pkg("a", "1", "/srv/node_modules/a/package.json", List.of(), Map.of());
        Package locked = pkg("a", "1", "/app/package-lock.json", List.of("ISC"), Map.of("dev", "true"));
        List<Package> out = DeclaredPackages.merge(List.of(installed, other), List.of(locked), DeclaredPackagesTest::underDir);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).location()).isEqualTo("/app/node_modules/a/package.json");
        assertThat(out.get(0).metadata()).containsEntry("dev", "true").containsEntry("lockfile", "/app/package-lock.json");
        assertThat(out.get(0).licenses()).containsExactly("MIT");
        assertThat(out.get(1).metadata()).isEmpty(); // another project's copy is not touched
    }

    @Test
    void uncoveredDeclaredPackagesStayOncePerDirectoryAndProductionWins() {
        Package fromNpm = pkg("b", "2", "/app/package-lock.json", List.of(), Map.of("dev", "true"));
        Package fromYarn = pkg("b", "2", "/app/yarn.lock", List.of(), Map.of("dev", "false"));
        Package elsewhere = pkg("b", "2", "/other/yarn.lock", List.of(), Map.of());
        Package otherVersion = pkg("a", "2", "/app/yarn.lock", List.of(), Map.of());
        Package installedA1 = pkg("a", "1", "/app/node_modules/a/package.json", List.of(), Map.of());
        List<Package> out = DeclaredPackages.merge(List.of(installedA1), List.of(fromNpm, fromYarn, elsewhere, otherVersion),
                DeclaredPackagesTest::underDir);
        assertThat(out).extracting(Package::name, Package::version, Package::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "1", "/app/node_modules/a/package.json"),
                org.assertj.core.groups.Tuple.tuple("b", "2", "/app/package-lock.json"),
                org.assertj.core.groups.Tuple.tuple("b", "2", "/other/yarn.lock"),
                org.assertj.core.groups.Tuple.tuple("a", "2", "/app/yarn.lock"));
        assertThat(out.get(1).metadata()).containsEntry("dev", "false");
    }

    @Test
    void installedTakesDeclaredLicensesOnlyWhenItHasNone() {
        Package installed = pkg("a", "1", "/app/vendor/x", List.of(), Map.of("dev", "true"));
        Package locked = pkg("a", "1", "/app/composer.lock", List.of("MIT"), Map.of("dev", "false"));
        Package out = DeclaredPackages.merge(List.of(installed), List.of(locked), DeclaredPackagesTest::underDir).get(0);
        assertThat(out.licenses()).containsExactly("MIT");
        assertThat(out.metadata()).containsEntry("dev", "false");
    }
}
