package io.plimsoll.bench;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.image.walk.LayerWalker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Cataloging the same generated image (4 gzip layers, 64 MiB expanded, a dpkg database; the test helpers build it in memory, hence the larger heap) read from a local
 * docker-archive and pulled from a real docker-registry on 127.0.0.1, median of several rounds each: the pull's
 * overhead over reading the archive. Needs Debian's docker-registry on the PATH.
 */
public final class RegistryBench {

    public static void main(String[] args) throws Exception {
        if (LocalRegistry.onPath("docker-registry").isEmpty()) {
            System.out.println("registry: skipped (docker-registry is not installed: apt-get install docker-registry)");
            return;
        }
        Path dir = Files.createTempDirectory("plimsoll-registry-bench");
        Random random = new Random(11);
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            status.append("Package: pkg").append(i).append("\nStatus: install ok installed\nArchitecture: amd64\n")
                    .append("Version: 1.").append(i).append("-1\n\n");
        }
        TestImage image = TestImage.create().layer(TestLayer.create()
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file("var/lib/dpkg/status", status.toString()), Compressor.GZIP, "/bin/sh -c #(nop) ADD file:x in / ");
        for (int l = 0; l < 4; l++) {
            TestLayer layer = TestLayer.create();
            for (int f = 0; f < 16; f++) {
                layer.file("data/layer" + l + "/file" + f + ".txt", text(random, 1 << 20), 0644);
            }
            image.layer(layer, Compressor.GZIP, "/bin/sh -c generate " + l);
        }
        Path archive = image.writeDockerArchive(dir.resolve("bench.tar"), "bench:1");
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            registry.push("bench/app", image, "1");
            String local = "docker-archive:" + archive;
            String remote = "registry:" + registry.host() + "/bench/app:1";
            for (int i = 0; i < 2; i++) {
                scan(local);
                scan(remote);
            }
            long[] a = new long[5];
            long[] r = new long[5];
            for (int i = 0; i < a.length; i++) {
                a[i] = scan(local);
                r[i] = scan(remote);
            }
            Arrays.sort(a);
            Arrays.sort(r);
            System.out.printf("scan from docker-archive: median %.0f ms; pulled from the local registry: median %.0f ms "
                    + "(%.2fx)%n", a[2] / 1e6, r[2] / 1e6, (double) r[2] / a[2]);
        }
    }

    private static long scan(String reference) throws Exception {
        long start = System.nanoTime();
        try (ImageSource source = ImageSources.open(ImageReferences.parse(reference), ImageOptions.DEFAULT)) {
            Inventory inv = new CatalogEngine(Ecosystems.distroProbe(), Ecosystems.catalogers())
                    .run(source, new LayerWalker(2, ImageLimits.DEFAULT));
            if (inv.packages().size() != 500) {
                throw new IllegalStateException("expected 500 packages from " + reference + ", got "
                        + inv.packages().size());
            }
        }
        return System.nanoTime() - start;
    }

    private static byte[] text(Random random, int size) {
        String[] words = {"alpha", "beta", "gamma", "delta", "layer", "image", "registry", "package", "digest", "\n"};
        StringBuilder b = new StringBuilder(size + 16);
        while (b.length() < size) {
            b.append(words[random.nextInt(words.length)]).append(' ');
        }
        return b.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }
}
