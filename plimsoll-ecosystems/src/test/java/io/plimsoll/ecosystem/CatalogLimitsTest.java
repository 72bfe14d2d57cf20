package io.plimsoll.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.ecosystem.debian.DpkgStatusParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limits a front end chooses ({@link CatalogLimits#use}) are the ones every parser then reads with. */
class CatalogLimitsTest {

    @AfterEach
    void restore() {
        CatalogLimits.use(CatalogLimits.DEFAULT);
    }

    @Test
    void chosenLimitsReachTheLineParsersAndTheJacksonOnes() throws Exception {
        byte[] status = ("Package: a\nStatus: install ok installed\nVersion: 1\n\n"
                + "Package: b\nStatus: install ok installed\nVersion: 1\n\n"
                + "Package: c\nStatus: install ok installed\nVersion: 1\n\n").getBytes(StandardCharsets.UTF_8);
        byte[] lock = ("{\"packages\": [" + "{\"name\": \"vendor/pkg\", \"version\": \"1.0.0\"},".repeat(20)
                + "{}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(DpkgStatusParser.parse("status", status).packages()).hasSize(3);
        assertThat(Documents.json("composer.lock", lock).path("packages").size()).isEqualTo(21);
        assertThat(StructuredText.json("composer.lock", lock).path("packages").size()).isEqualTo(21);

        CatalogLimits.use(CatalogLimits.DEFAULT.withMaxPackagesPerFile(2).withMaxDocumentBytes(lock.length - 1));
        ParseResult<?> cut = DpkgStatusParser.parse("status", status);
        assertThat(cut.packages()).hasSize(2);
        assertThat(cut.warnings().toString()).contains("more than 2");
        assertThatThrownBy(() -> Documents.json("composer.lock", lock)).isInstanceOf(PackageDbException.class)
                .hasMessageContaining("composer.lock");
        assertThatThrownBy(() -> StructuredText.json("composer.lock", lock)).isInstanceOf(PackageDbException.class)
                .hasMessageContaining("composer.lock");
    }

    @Test
    void theLockfileParsersStopAtThePackageLimitAndSaySo() throws Exception {
        CatalogLimits.use(CatalogLimits.DEFAULT.withMaxPackagesPerFile(2));
        String yarn = "# yarn lockfile v1\n\n" + "abc".chars().mapToObj(c -> "\"" + (char) c + "@^1.0.0\":\n  version \"1.0.0\"\n"
                + "  resolved \"https://registry.yarnpkg.com/" + (char) c + "/-/" + (char) c + "-1.0.0.tgz\"\n\n")
                .collect(java.util.stream.Collectors.joining());
        String pnpm = "lockfileVersion: '9.0'\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: sha512-a}\n\n"
                + "  b@1.0.0:\n    resolution: {integrity: sha512-b}\n\n  c@1.0.0:\n    resolution: {integrity: sha512-c}\n";
        String cargo = "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n\n[[package]]\nname = \"b\"\n"
                + "version = \"1.0.0\"\n\n[[package]]\nname = \"c\"\nversion = \"1.0.0\"\n";
        java.util.Map<String, io.plimsoll.catalog.Cataloger> files = new java.util.LinkedHashMap<>();
        files.put("/app/yarn.lock", new io.plimsoll.ecosystem.npm.NpmCataloger());
        files.put("/app/pnpm-lock.yaml", new io.plimsoll.ecosystem.npm.NpmCataloger());
        files.put("/app/Cargo.lock", new io.plimsoll.ecosystem.rust.CargoLockCataloger());
        java.util.Map<String, String> text = java.util.Map.of("/app/yarn.lock", yarn, "/app/pnpm-lock.yaml", pnpm,
                "/app/Cargo.lock", cargo);
        for (var e : files.entrySet()) {
            io.plimsoll.catalog.Cataloger.Result r = e.getValue().catalog(OneFileInput.of(e.getValue(), e.getKey(),
                    text.get(e.getKey()).getBytes(StandardCharsets.UTF_8)));
            assertThat(r.packages()).as(e.getKey()).hasSize(2);
            assertThat(r.warnings()).as(e.getKey()).anySatisfy(w -> assertThat(w).startsWith(e.getKey())
                    .contains("more than 2 packages in one file"));
        }
    }
}
