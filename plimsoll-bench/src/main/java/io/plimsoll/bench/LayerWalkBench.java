package io.plimsoll.bench;

import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.CollectedFiles;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Walks a generated image of gzip layers (1 GiB expanded by default) and compares the walk's throughput with
 * {@code gzip -dc} over the same blobs, in the same run. Run with a small heap to check the walk's memory bound:
 * {@code mvn -B -Pbench -pl plimsoll-bench -am verify}.
 */
public final class LayerWalkBench {

    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        long size = 1L << 30;
        int layers = 4;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Bytes.parse(args[++i]);
                case "--layers" -> layers = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = dir != null ? dir : Files.createTempDirectory("plimsoll-bench");
        Path layout = work.resolve("image");
        List<Path> blobs;
        long expanded;
        if (Files.isRegularFile(layout.resolve("index.json")) && Files.isRegularFile(work.resolve("blobs.txt"))) {
            blobs = Files.readAllLines(work.resolve("blobs.txt")).stream().map(Path::of).toList();
            expanded = Long.parseLong(Files.readString(work.resolve("expanded.txt")).strip());
            System.out.println("reusing the image in " + layout);
        } else {
            long t0 = System.nanoTime();
            Generated g = generate(layout, size, layers);
            blobs = g.blobs;
            expanded = g.expanded;
            Files.write(work.resolve("blobs.txt"), blobs.stream().map(Path::toString).toList());
            Files.writeString(work.resolve("expanded.txt"), Long.toString(expanded));
            System.out.printf(Locale.ROOT, "generated %s (%d layers, %s expanded, %s gzip) in %.1f s%n", layout, layers,
                    Bytes.human(expanded), Bytes.human(blobs.stream().mapToLong(LayerWalkBench::size).sum()),
                    (System.nanoTime() - t0) / 1e9);
        }

        double gzipBest = Double.MAX_VALUE;
        double walk1Best = Double.MAX_VALUE;
        double walk2Best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            gzipBest = Math.min(gzipBest, gzipDc(blobs));
            walk1Best = Math.min(walk1Best, walk(layout, 1));
            walk2Best = Math.min(walk2Best, walk(layout, 2));
        }
        double mb = expanded / 1e6;
        System.out.println();
        System.out.printf(Locale.ROOT, "expanded bytes          %s (%d layers)%n", Bytes.human(expanded), blobs.size());
        System.out.printf(Locale.ROOT, "gzip -dc (1 process)    %.2f s  %7.1f MB/s%n", gzipBest, mb / gzipBest);
        System.out.printf(Locale.ROOT, "plimsoll walk, 1 thread %.2f s  %7.1f MB/s  ratio %.2fx gzip -dc%n", walk1Best,
                mb / walk1Best, gzipBest / walk1Best);
        System.out.printf(Locale.ROOT, "plimsoll walk, 2 threads %.2f s %7.1f MB/s  ratio %.2fx gzip -dc%n", walk2Best,
                mb / walk2Best, gzipBest / walk2Best);
        System.out.printf(Locale.ROOT, "max heap %s, peak heap used %s%n", Bytes.human(Runtime.getRuntime().maxMemory()),
                Bytes.human(peakHeap()));
        if (dir == null) {
            deleteTree(work);
        }
    }

    /** Seconds to decompress every blob with the system's gzip, one after the other (one core). */
    static double gzipDc(List<Path> blobs) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (Path b : blobs) {
            Process p = new ProcessBuilder("gzip", "-dc", b.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false).start();
            if (p.waitFor() != 0) {
                throw new IOException("gzip -dc failed on " + b);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds for a full walk: digests verified, tree built, and the small files a cataloger would want kept. */
    private static double walk(Path layout, int threads) throws IOException {
        long t0 = System.nanoTime();
        CollectedFiles wanted = new CollectedFiles(p -> p.endsWith("/status") || p.endsWith("os-release"), 1 << 20);
        try (ImageSource source = ImageSources.open(ImageReferences.parse("oci:" + layout), ImageOptions.DEFAULT)) {
            WalkResult r = new LayerWalker(threads, ImageLimits.DEFAULT).walk(source, List.of(wanted));
            if (r.tree().size() == 0) {
                throw new IllegalStateException("empty tree");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    record Generated(List<Path> blobs, long expanded) {
    }

    /**
     * Writes an OCI layout whose layers look like real ones: many small text files (configs, scripts, docs),
     * some mid-size mixed files, and a few large binaries that compress poorly.
     */
    static Generated generate(Path layout, long totalSize, int layerCount) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Random random = new Random(7);
        String[] words = "the of and to in is for on that with as by at from package version install library usr lib share doc config error"
                .split(" ");
        List<Path> blobs = new ArrayList<>();
        List<String> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        long expandedTotal = 0;
        long perLayer = totalSize / layerCount;
        for (int l = 0; l < layerCount; l++) {
            GzipLayerWriter.Written written;
            try (GzipLayerWriter layer = new GzipLayerWriter(layout, "tmp-" + l)) {
                TarArchiveOutputStream tar = layer.tar();
                int n = 0;
                if (l == 0) {
                    put(tar, "etc/os-release", "ID=bench\nVERSION_ID=1\n".getBytes(StandardCharsets.UTF_8));
                    put(tar, "var/lib/dpkg/status", "Package: bench\nStatus: install ok installed\n".getBytes(StandardCharsets.UTF_8));
                }
                while (layer.expanded() < perLayer) {
                    int kind = random.nextInt(100);
                    byte[] content;
                    if (kind < 80) {
                        content = text(random, words, 200 + random.nextInt(16_000));
                    } else if (kind < 97) {
                        content = mixed(random, words, 50_000 + random.nextInt(500_000));
                    } else {
                        content = binary(random, words, 1_000_000 + random.nextInt(4_000_000));
                    }
                    put(tar, "layer" + l + "/dir" + (n % 97) + "/file-" + n + (kind < 80 ? ".txt" : ".bin"), content);
                    n++;
                }
                written = layer.finish();
            }
            Digest digest = written.digest();
            Path blob = written.blob();
            blobs.add(blob);
            expandedTotal += written.expanded();
            diffIds.add("\"sha256:" + written.diffId().hex() + "\"");
            layerDescriptors.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + digest
                    + "\",\"size\":" + Files.size(blob) + "}");
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}";
        Digest configDigest = writeBlob(layout, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length() + "},\"layers\":[" + String.join(",", layerDescriptors) + "]}";
        Digest manifestDigest = writeBlob(layout, manifest);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length() + "}]}");
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return new Generated(blobs, expandedTotal);
    }

    static Digest writeBlob(Path layout, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256Of(bytes);
        Files.write(layout.resolve("blobs/sha256/" + d.hex()), bytes);
        return d;
    }

    static byte[] text(Random random, String[] words, int size) {
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(20) == 0 ? '\n' : ' ');
            if (random.nextInt(10) == 0) {
                sb.append(random.nextInt(100000));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Executable-like: text tables between stretches of poorly compressible code. */
    private static byte[] binary(Random random, String[] words, int size) {
        return sprinkle(random, text(random, words, size), 8192, 3072);
    }

    static byte[] mixed(Random random, String[] words, int size) {
        return sprinkle(random, text(random, words, size), 8192, 512);
    }

    private static byte[] sprinkle(Random random, byte[] out, int every, int randomBytes) {
        for (int i = 0; i < out.length; i += every) {
            int n = Math.min(randomBytes, out.length - i);
            byte[] r = new byte[n];
            random.nextBytes(r);
            System.arraycopy(r, 0, out, i, n);
        }
        return out;
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
