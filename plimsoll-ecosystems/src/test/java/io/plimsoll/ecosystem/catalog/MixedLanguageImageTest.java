package io.plimsoll.ecosystem.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerMemo;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One image, every language stage at once, through the registered catalogers: a fat jar nested two levels deep,
 * a WAR, node_modules with its lockfile, a Python site-packages and a real Go binary, each in its own layer.
 */
class MixedLanguageImageTest {

    @TempDir
    Path tmp;

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pom(String g, String a, String v) {
        return utf8("groupId=" + g + "\nartifactId=" + a + "\nversion=" + v + "\n");
    }

    /** The image; with ../shared, a real Go binary in a fourth layer. */
    private static TestImage mixed() throws Exception {
        byte[] deep = zip(Map.of("META-INF/maven/org.deep/deep/pom.properties", pom("org.deep", "deep", "0.9")));
        byte[] mid = zip(Map.of("META-INF/maven/org.mid/mid/pom.properties", pom("org.mid", "mid", "2.1"), "lib/deep-0.9.jar", deep));
        Map<String, byte[]> fat = new LinkedHashMap<>();
        fat.put("META-INF/maven/com.acme/app/pom.properties", pom("com.acme", "app", "1.4.0"));
        fat.put("BOOT-INF/lib/mid-2.1.jar", mid);
        byte[] war = zip(Map.of("WEB-INF/lib/log4j-core-2.14.1.jar",
                zip(Map.of("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                        pom("org.apache.logging.log4j", "log4j-core", "2.14.1")))));
        String lock = "{\"name\":\"www\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"packages\":{"
                + "\"\":{\"name\":\"www\",\"version\":\"1.0.0\",\"dependencies\":{\"left-pad\":\"^1.3.0\"}},"
                + "\"node_modules/left-pad\":{\"version\":\"1.3.0\",\"resolved\":\"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz\","
                + "\"license\":\"WTFPL\"}}}";
        String metadata = "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nbody\n";
        TestImage image = TestImage.create()
                .layer(TestLayer.create().file("app/app.jar", zip(fat), 0644), Compressor.GZIP, "COPY app.jar /app/")
                .layer(TestLayer.create().file("srv/www/package.json", "{\"name\":\"www\",\"version\":\"1.0.0\","
                                + "\"dependencies\":{\"left-pad\":\"^1.3.0\"}}")
                        .file("srv/www/package-lock.json", lock)
                        .file("srv/www/node_modules/left-pad/package.json",
                                "{\"name\":\"left-pad\",\"version\":\"1.3.0\",\"license\":\"WTFPL\"}"),
                        Compressor.ZSTD, "RUN npm ci")
                .layer(TestLayer.create()
                        .file("usr/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA", metadata)
                        .file("usr/lib/python3/site-packages/requests-2.31.0.dist-info/RECORD",
                                "requests/__init__.py,,\nrequests-2.31.0.dist-info/METADATA,,\n")
                        .file("usr/local/tomcat/webapps/shop.war", war, 0644), Compressor.GZIP, "RUN pip install requests");
        if (SharedCorpus.root().isPresent()) {
            byte[] esbuild = Files.readAllBytes(SharedCorpus.require("corpus/binaries/go/esbuild-0.24.0"));
            image.layer(TestLayer.create().file("usr/local/bin/esbuild", esbuild, 0755), Compressor.GZIP, "COPY esbuild /usr/local/bin/");
        }
        return image;
    }

    @Test
    void everyEcosystemWithItsLayer() throws Exception {
        boolean haveGo = SharedCorpus.root().isPresent();
        Path layout = mixed().writeOciLayout(tmp.resolve("mixed"), null);
        Inventory inv = run(layout, null);
        assertThat(inv.warnings()).isEmpty();
        assertThat(layerOf(inv, "pkg:maven/com.acme/app@1.4.0")).isZero();
        assertThat(layerOf(inv, "pkg:maven/org.mid/mid@2.1")).isZero();
        assertThat(layerOf(inv, "pkg:maven/org.deep/deep@0.9")).isZero();
        assertThat(layerOf(inv, "pkg:npm/left-pad@1.3.0")).isEqualTo(1);
        assertThat(layerOf(inv, "pkg:pypi/requests@2.31.0")).isEqualTo(2);
        assertThat(layerOf(inv, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")).isEqualTo(2);
        Package requests = inv.packages().stream().filter(p -> p.name().equals("requests")).findFirst().orElseThrow();
        assertThat(requests.files()).contains("/usr/lib/python3/site-packages/requests/__init__.py");
        assertThat(requests.provenance().createdBy()).contains("RUN pip install requests");
        if (haveGo) {
            assertThat(layerOf(inv, "pkg:golang/golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8")).isEqualTo(3);
            assertThat(inv.packages()).anySatisfy(p -> {
                assertThat(p.name()).isEqualTo("stdlib");
                assertThat(p.version()).isEqualTo("go1.23.1");
                assertThat(p.provenance().layer()).isEqualTo(3);
            });
        }
    }

    private static int layerOf(Inventory inv, String purl) {
        return inv.packages().stream().filter(p -> p.purl().equals(purl)).findFirst()
                .orElseThrow(() -> new AssertionError(purl + " not found in " + inv.packages().stream().map(Package::purl).toList()))
                .provenance().layer();
    }

    private static Inventory run(Path layout, LayerMemo memo) throws Exception {
        try (ImageSource s = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            return new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers())
                    .run(s, new LayerWalker(2, ImageOptions.DEFAULT.limits(), memo));
        }
    }

    /** A layer memo in a map. */
    private static final class MapMemo implements LayerMemo {
        final Map<Digest, Recorded> kept = new ConcurrentHashMap<>();

        @Override
        public Optional<Recorded> recall(Digest layer) {
            return Optional.ofNullable(kept.get(layer));
        }

        @Override
        public void remember(Digest layer, Recorded recorded) {
            kept.put(layer, recorded);
        }
    }

    @Test
    void aWarmWalkFindsTheSamePackagesInWhatTheCatalogersLearntWithoutTheJarsOrExecutables() throws Exception {
        Path layout = mixed().layer(TestLayer.create().file("usr/bin/hello", utf8("#!/bin/sh\n# a script, not an ELF file: nothing to learn from it\necho hello\n"), 0755)
                        .file("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\n"
                                + "Architecture: amd64\n\n")
                        .file("usr/share/doc/zlib1g/copyright", "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
                                + "Files: *\nCopyright: 1995-2013 Jean-loup Gailly and Mark Adler\nLicense: Zlib\n"),
                Compressor.GZIP, "COPY hello /usr/bin/").writeOciLayout(tmp.resolve("mixed"), null);
        MapMemo memo = new MapMemo();
        Inventory cold = run(layout, memo);
        assertThat(memo.kept).hasSize(cold.image().layers().size());
        for (var layer : cold.image().layers()) {
            // the blobs are gone: a walk that read a layer would fail
            Files.write(layout.resolve("blobs/sha256/" + layer.digest().orElseThrow().hex()), new byte[0]);
        }
        Inventory warm = run(layout, memo);
        assertThat(warm.packages()).isNotEmpty().containsExactlyElementsOf(cold.packages());
        assertThat(warm.warnings()).isEqualTo(cold.warnings());
        // the copyright file was kept as its licenses, and they reach the package warm as cold
        assertThat(warm.packages()).filteredOn(p -> p.name().equals("zlib1g")).singleElement()
                .satisfies(p -> assertThat(p.licenses()).containsExactly("Zlib"));
        List<LayerMemo.WantedFile> kept = memo.kept.values().stream()
                .flatMap(r -> Stream.concat(r.files().stream(), r.links().stream())).toList();
        // the jars, the war and the executables are kept as what was learnt from them: a few bytes each
        assertThat(kept).filteredOn(f -> f.asked().path().matches(".*\\.(jar|war)|/usr/(local/)?bin/.*"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(f -> {
                    assertThat(f.learntBy()).matches("java-archive|executables:.*");
                    assertThat(f.bytes().length).isLessThan(2048);
                });
        assertThat(kept).filteredOn(f -> f.asked().path().equals("/srv/www/node_modules/left-pad/package.json"))
                .singleElement().satisfies(f -> assertThat(f.learntBy()).isEqualTo("files:npm"));
        assertThat(kept).filteredOn(f -> f.asked().path().equals("/usr/share/doc/zlib1g/copyright")).singleElement()
                .satisfies(f -> assertThat(f.learntBy()).isEqualTo("files:dpkg"));
        assertThat(kept).filteredOn(f -> f.asked().path().equals("/usr/bin/hello")).singleElement()
                .satisfies(f -> assertThat(f.bytes()).isEmpty());
    }
}
