package io.plimsoll.ecosystem.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Scope;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go.mod files in whole images: each requirement credited to the layer whose go.mod first chose that version. */
class GoModCatalogingTest {

    @TempDir
    Path tmp;

    @Test
    void requirementsWithProvenanceDigestsAndWithoutTheModuleCache() throws Exception {
        Path layout = TestImage.create()
                .layer(TestLayer.create()
                        .file("src/app/go.mod", "module example.com/app\n\ngo 1.22\n\nrequire (\n"
                                + "\tgithub.com/a/a v1.0.0\n\tgithub.com/b/b v1.1.0 // indirect\n)\n")
                        .file("src/app/go.sum", "github.com/a/a v1.0.0 h1:aaa=\ngithub.com/a/a v1.0.0/go.mod h1:amod=\n")
                        .file("root/go/pkg/mod/github.com/a/a@v1.0.0/go.mod", "module github.com/a/a\n\n"
                                + "require github.com/dep/of-a v0.1.0\n")
                        .file("src/broken/go.mod", "module example.com/broken\nruire github.com/x/x v1.0.0\n"),
                        Compressor.GZIP, "/bin/sh -c #(nop) COPY dir:src in /src")
                .layer(TestLayer.create().file("src/app/go.mod", "module example.com/app\n\ngo 1.22\n\nrequire (\n"
                                + "\tgithub.com/a/a v1.0.0\n\tgithub.com/b/b v1.2.0 // indirect\n\tgithub.com/c/c v0.3.0\n)\n"),
                        Compressor.GZIP, "/bin/sh -c go get github.com/b/b@v1.2.0 github.com/c/c")
                .writeOciLayout(tmp.resolve("gomod"), null);
        Inventory inv = BinaryCatalogersTest.inventory(layout, Scope.SQUASHED);
        assertThat(inv.packages()).extracting(Package::name, Package::version, p -> p.provenance().layer())
                .containsExactly(tuple("github.com/a/a", "v1.0.0", 0), tuple("github.com/b/b", "v1.2.0", 1),
                        tuple("github.com/c/c", "v0.3.0", 1));
        assertThat(inv.packages()).allSatisfy(p -> {
            assertThat(p.foundBy()).isEqualTo("go-mod");
            assertThat(p.location()).isEqualTo("/src/app/go.mod");
        });
        assertThat(inv.packages().get(0).metadata()).containsEntry("h1Digest", "h1:aaa=")
                .containsEntry("mainModule", "example.com/app");
        assertThat(inv.warnings()).singleElement().asString()
                .isEqualTo("/src/broken/go.mod: unknown directive 'ruire' at line 2");
    }
}
