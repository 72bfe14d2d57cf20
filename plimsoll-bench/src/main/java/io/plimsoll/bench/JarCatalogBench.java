package io.plimsoll.bench;

import io.plimsoll.app.IndexService;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.ecosystem.java.JavaArchiveCataloger;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Catalogs an image holding 2,000 jars (100 of them fat jars with nested libraries) on one thread and reports MB/s
 * of archive data. The layer is uncompressed so that the number measures the Java cataloger, not gzip.
 */
public final class JarCatalogBench {

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("plimsoll-jarbench");
        try {
            long t0 = System.nanoTime();
            long archiveBytes = generate(work.resolve("image"), 2000, 100, new Random(11));
            System.out.printf(Locale.ROOT, "generated 2000 jars (%s of archive data) in %.1f s%n", Bytes.human(archiveBytes),
                    (System.nanoTime() - t0) / 1e9);
            double best = Double.MAX_VALUE;
            int packages = 0;
            for (int round = 0; round < 3; round++) {
                long s = System.nanoTime();
                try (ImageSource source = ImageSources.open(ImageReferences.parse("oci:" + work.resolve("image")),
                        ImageOptions.DEFAULT)) {
                    Inventory inv = IndexService.with(() -> NO_DISTRO, () -> List.of(new JavaArchiveCataloger()))
                            .inventory(source, new LayerWalker(1, ImageLimits.DEFAULT));
                    packages = inv.packages().size();
                }
                best = Math.min(best, (System.nanoTime() - s) / 1e9);
            }
            System.out.printf(Locale.ROOT, "java cataloger, 1 thread: %d packages, %.2f s, %.1f MB/s of archive data%n",
                    packages, best, archiveBytes / 1e6 / best);
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static final DistroProbe NO_DISTRO = DistroProbe.NONE;

    /** A jar: manifest, pom.properties and class-like entries (compressible about 2x, like real bytecode). */
    static byte[] jar(String group, String artifact, String version, int classes, Random random, List<byte[]> nested)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\nImplementation-Title: " + artifact + "\nImplementation-Version: " + version
                    + "\n").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            zip.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < classes; i++) {
                zip.putNextEntry(new ZipEntry(group.replace('.', '/') + "/C" + i + ".class"));
                byte[] b = new byte[1000 + random.nextInt(6000)];
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) (j % 3 == 0 ? random.nextInt(256) : "java/lang/Object".charAt(j % 16));
                }
                zip.write(b);
            }
            for (int i = 0; i < nested.size(); i++) {
                zip.putNextEntry(new ZipEntry("BOOT-INF/lib/lib-" + i + ".jar"));
                zip.write(nested.get(i));
            }
        }
        return out.toByteArray();
    }

    private static long generate(Path layout, int jars, int fat, Random random) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Path tmp = layout.resolve("blobs/sha256/layer.tmp");
        MessageDigest hash = Digest.newSha256();
        long archiveBytes = 0;
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(tmp), hash);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            for (int i = 0; i < jars; i++) {
                List<byte[]> nested = new java.util.ArrayList<>();
                if (i < fat) {
                    for (int n = 0; n < 10; n++) {
                        nested.add(jar("org.nested" + n, "nested-" + i + "-" + n, "1." + n, 10, random, List.of()));
                    }
                }
                byte[] j = jar("com.example" + (i % 50), "lib" + i, "2." + (i % 10) + ".0", 20 + random.nextInt(40), random, nested);
                archiveBytes += j.length;
                TarArchiveEntry e = new TarArchiveEntry("opt/app/lib/lib" + i + ".jar");
                e.setSize(j.length);
                tar.putArchiveEntry(e);
                tar.write(j);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        String hex = HexFormat.of().formatHex(hash.digest());
        Files.move(tmp, layout.resolve("blobs/sha256/" + hex));
        long size = Files.size(layout.resolve("blobs/sha256/" + hex));
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
                + hex + "\"]}}";
        Digest c = Digest.sha256Of(config.getBytes(StandardCharsets.UTF_8));
        Files.writeString(layout.resolve("blobs/sha256/" + c.hex()), config);
        String manifest = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + c + "\",\"size\":" + config.length() + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"sha256:" + hex + "\",\"size\":" + size + "}]}";
        Digest m = Digest.sha256Of(manifest.getBytes(StandardCharsets.UTF_8));
        Files.writeString(layout.resolve("blobs/sha256/" + m.hex()), manifest);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + m + "\",\"size\":" + manifest.length() + "}]}");
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return archiveBytes;
    }
}
