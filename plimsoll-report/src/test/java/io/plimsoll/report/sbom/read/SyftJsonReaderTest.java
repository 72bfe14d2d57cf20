package io.plimsoll.report.sbom.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * syft's JSON (Anchore's import format) read into an inventory: syft's own encoder golden (see SOURCES.md beside
 * it) gives the image's digests and tag, the distro, the package with a purl, and a warning for the one without a
 * valid purl.
 */
class SyftJsonReaderTest {

    @Test
    void syftsImageDocumentBecomesAnInventory() throws Exception {
        byte[] doc;
        try (InputStream in = SyftJsonReaderTest.class.getResourceAsStream("/sbom/syft/image-encoder.syft.json")) {
            doc = in.readAllBytes();
        }
        Inventory inv = SbomReader.read(Path.of("image.syft.json"), doc);

        assertThat(inv.image().manifestDigest().orElseThrow().toString())
                .isEqualTo("sha256:2731251dc34951c0e50fcc643b4c5f74922dad1a5d98f302b504cf46cd5d9368");
        assertThat(inv.image().configDigest().orElseThrow().toString())
                .isEqualTo("sha256:bf783ea304a3f02b5c7d2ece521800f5e2182e65ed5bb5116f578e17d6e82be4");
        assertThat(inv.image().tags()).containsExactly("user-image-input", "stereoscope-fixture-image-simple:"
                + "85066c51088bdd274f7a89e99e00490f666c49e72ffc955707cd6e18f0e22c5b");
        assertThat(inv.distro().orElseThrow().id()).isEqualTo("debian");
        assertThat(inv.distro().orElseThrow().versionId()).isEqualTo("1.2.3");
        assertThat(inv.distro().orElseThrow().idLike()).containsExactly("like!");

        assertThat(inv.packages()).hasSize(1);
        Package deb = inv.packages().get(0);
        assertThat(deb.type()).isEqualTo("deb");
        assertThat(deb.name()).isEqualTo("package-2");
        assertThat(deb.version()).isEqualTo("2.0.1");
        assertThat(deb.purl()).isEqualTo("pkg:deb/debian/package-2@2.0.1");
        assertThat(deb.location()).isEqualTo("/somefile-2.txt");
        assertThat(inv.warnings()).singleElement().asString().contains("package-1").contains("a-purl-1");
    }

    @Test
    void aDocumentOfNoKnownFormatSaysWhichAreRead() {
        assertThatThrownBy(() -> SbomReader.read(Path.of("x.json"),
                "{\"packages\": []}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("x.json: not an SBOM (neither CycloneDX JSON/XML, SPDX 2.3 JSON nor syft JSON)");
    }
}
