package io.plimsoll.ecosystem.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Scope;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages inside executables, found by the registered catalogers over whole images, each with its layer. */
class BinaryCatalogersTest {

    @TempDir
    Path tmp;

    private static final byte[] SCRIPT = ("#!/bin/sh\n# a wrapper with an exec bit, long enough to be looked at\n"
            + "exec /usr/local/bin/esbuild \"$@\"\n").getBytes(StandardCharsets.US_ASCII);

    static Inventory inventory(Path layout, Scope scope) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            return new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers(), scope).run(s,
                    LayerWalker.defaults());
        }
    }

    private static byte[] go(String name) throws Exception {
        return Files.readAllBytes(SharedCorpus.require("corpus/binaries/go/" + name));
    }

    @Test
    void esbuildInTheFirstLayerGosuInTheSecond() throws Exception {
        byte[] esbuild = go("esbuild-0.24.0");
        byte[] gosu = go("gosu");
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("usr/local/bin/esbuild", esbuild, 0755).file("usr/local/bin/run", SCRIPT, 0755)
                        .file("usr/share/doc/gosu/example.bin", gosu, 0644), Compressor.GZIP,
                        "/bin/sh -c #(nop) COPY file:esbuild in /usr/local/bin/")
                .layer(TestLayer.create().file("usr/sbin/gosu", gosu, 0755), Compressor.ZSTD,
                        "/bin/sh -c apt-get install -y gosu")
                .writeOciLayout(tmp.resolve("go"), null);
        Inventory inv = inventory(layout, Scope.SQUASHED);
        assertThat(inv.warnings()).isEmpty();
        assertThat(inv.packages()).extracting(Package::name, Package::version, Package::location,
                p -> p.provenance().layer()).containsExactlyInAnyOrder(
                tuple("github.com/evanw/esbuild", "", "/usr/local/bin/esbuild", 0),
                tuple("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8", "/usr/local/bin/esbuild", 0),
                tuple("stdlib", "go1.23.1", "/usr/local/bin/esbuild", 0),
                tuple("github.com/tianon/gosu", "", "/usr/sbin/gosu", 1),
                tuple("stdlib", "go1.19.8", "/usr/sbin/gosu", 1));
        Package gosuMain = inv.packages().stream().filter(p -> p.name().equals("github.com/tianon/gosu")).findFirst()
                .orElseThrow();
        assertThat(gosuMain.type()).isEqualTo("golang");
        assertThat(gosuMain.foundBy()).isEqualTo("go-binary");
        assertThat(gosuMain.provenance().createdBy()).hasValueSatisfying(s -> assertThat(s).contains("apt-get install -y gosu"));
        assertThat(gosuMain.provenance().layerDigest()).isPresent();
    }

    @Test
    void deletedAndOverwrittenBinariesCountOnlyWhenEveryLayerDoes() throws Exception {
        byte[] esbuild = go("esbuild-0.24.0");
        byte[] gosu = go("gosu");
        byte[] cut = Arrays.copyOf(gosu, gosu.length / 3);
        Path layout = TestImage.create()
                .layer(TestLayer.create().file("usr/local/bin/esbuild", esbuild, 0755).file("usr/sbin/gosu", gosu, 0755),
                        Compressor.GZIP)
                .layer(TestLayer.create().whiteout("usr/local/bin/esbuild").file("usr/sbin/gosu", SCRIPT, 0755)
                        .file("opt/cut/gosu", cut, 0700), Compressor.GZIP)
                .writeOciLayout(tmp.resolve("deleted"), null);
        Inventory squashed = inventory(layout, Scope.SQUASHED);
        assertThat(squashed.packages()).isEmpty();
        assertThat(squashed.warnings()).singleElement().asString().startsWith("/opt/cut/gosu: damaged ELF headers");

        Inventory all = inventory(layout, Scope.ALL_LAYERS);
        assertThat(all.packages()).extracting(Package::location, p -> p.provenance().layer()).containsOnly(
                tuple("/usr/local/bin/esbuild", 0), tuple("/usr/sbin/gosu", 0));
        assertThat(all.packages()).hasSize(5);
    }
}
