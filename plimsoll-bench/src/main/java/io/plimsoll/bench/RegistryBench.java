package io.plimsoll.bench;

import io.plimsoll.app.IndexService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.registry.BlobCache;
import io.plimsoll.image.registry.DockerConfig;
import io.plimsoll.image.registry.RegistrySettings;
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
import java.util.Optional;
import java.util.Random;

/**
 * Cataloging the same generated image (4 gzip layers, 64 and then 256 MiB expanded, a dpkg database; the test helpers
 * build it in memory, hence the larger heap) read from a local
 * docker-archive and pulled from a real docker-registry on 127.0.0.1 (without a blob cache, filling an empty one,
 * and from a warm one, which must fetch no blob), median of several rounds each: the pull's overhead over reading
 * the same gzip blobs from an oci-archive, with layers streamed on the walker's threads and fetched ahead of them.
 * Needs Debian's docker-registry on the PATH.
 */
public final class RegistryBench {

    public static void main(String[] args) throws Exception {
        // --rtt MS: a round trip of MS milliseconds between the client and the registry (a delay line in front of it)
        long rttMillis = args.length == 2 && args[0].equals("--rtt") ? Long.parseLong(args[1]) : 0;
        java.util.Optional<Path> registryBinary = LocalRegistry.onPath("docker-registry");
        if (registryBinary.isEmpty()) {
            System.out.println("registry: skipped (docker-registry is not installed: apt-get install docker-registry)");
            return;
        }
        // two sizes: at 64 MiB the registry's cost per request (~5 ms of its CPU each, on these same 2 cores) is a
        // fifth of the scan; at 256 MiB the transfer and inflating are most of it, as for real images
        for (int mib : new int[] {64, 256}) {
            System.out.printf("%n%d MiB expanded (4 layers of %d MiB and a dpkg database)%n", mib, mib / 4);
            run(registryBinary.get(), mib / 4, rttMillis);
        }
    }

    private static void run(Path registryBinary, int filesPerLayer, long rttMillis) throws Exception {
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
            for (int f = 0; f < filesPerLayer; f++) {
                layer.file("data/layer" + l + "/file" + f + ".txt", text(random, 1 << 20), 0644);
            }
            image.layer(layer, Compressor.GZIP, "/bin/sh -c generate " + l);
        }
        Path archive = image.writeDockerArchive(dir.resolve("bench.tar"), "bench:1");
        // the registry's gzip blobs as they are, in a file: a pull's cost without the network part; the
        // docker-archive holds the layers uncompressed (as docker save writes them), so it skips gunzip too
        Path ociArchive = image.writeOciArchive(dir.resolve("bench-oci.tar"), "1");
        try (LocalRegistry registry = LocalRegistry.start(registryBinary, dir.resolve("registry"),
                LocalRegistry.Setup.open())) {
            registry.push("bench/app", image, "1");
            String[] hostPort = registry.host().split(":");
            DelayLine delay = rttMillis <= 0 ? null : new DelayLine(new java.net.InetSocketAddress(hostPort[0],
                    Integer.parseInt(hostPort[1])), java.time.Duration.ofMillis(rttMillis).dividedBy(2));
            String local = "docker-archive:" + archive;
            String gzipLocal = "oci-archive:" + ociArchive;
            String remote = "registry:" + (delay == null ? registry.host() : delay.host()) + "/bench/app:1";
            RegistrySettings noCache = RegistrySettings.defaults(DockerConfig.load(dir.resolve("no-docker-config.json")));
            BlobCache cache = new BlobCache(dir.resolve("blob-cache"), BlobCache.DEFAULT_MAX_BYTES);
            RegistrySettings cached = noCache.withBlobCache(Optional.of(cache));
            String ahead = "plimsoll.pull.ahead";
            for (int i = 0; i < 2; i++) {
                scan(local, noCache);
                scan(gzipLocal, noCache);
                scan(remote, noCache);
                cache.prune(0);
                scan(remote, cached);
                scan(remote, cached);
            }
            // each round pulls with read-ahead off (every layer streamed from its own GET on the walker's threads,
            // as before) and on, back to back: the two see the same machine load
            int rounds = 11;
            long[] a = new long[rounds];
            long[] o = new long[rounds];
            long[] r = new long[rounds];
            long[] rAhead = new long[rounds];
            long[] fill = new long[rounds];
            long[] fillAhead = new long[rounds];
            long[] warm = new long[rounds];
            long warmBlobGets = 0;
            // CPU per scan (all rounds): this process reading the oci-archive, and pulling with read-ahead, and what
            // serving that pull cost the registry, which shares this machine's cores
            long ociCpu = 0;
            long pullCpu = 0;
            long servingCpu = 0;
            for (int i = 0; i < rounds; i++) {
                a[i] = scan(local, noCache);
                long cpu = processCpu();
                o[i] = scan(gzipLocal, noCache);
                ociCpu += processCpu() - cpu;
                System.setProperty(ahead, "0");
                r[i] = scan(remote, noCache);
                cache.prune(0);
                fill[i] = scan(remote, cached);
                System.clearProperty(ahead);
                cpu = processCpu();
                long served = registry.cpuNanos().orElse(0);
                rAhead[i] = scan(remote, noCache);
                pullCpu += processCpu() - cpu;
                servingCpu += registry.cpuNanos().orElse(0) - served;
                cache.prune(0);
                fillAhead[i] = scan(remote, cached);
                long before = registry.blobGets();
                warm[i] = scan(remote, cached);
                warmBlobGets += registry.blobGets() - before;
            }
            if (warmBlobGets != 0) {
                throw new IllegalStateException("scans with a warm cache fetched " + warmBlobGets + " blobs");
            }
            long archiveMedian = median(a);
            double oci = median(o);
            System.out.printf("round trip to the registry %d ms; load %s; medians of %d rounds: docker-archive %.0f ms; the same gzip blobs from an "
                            + "oci-archive %.0f ms (%.2fx docker-archive)%n", rttMillis, loadAverage(), rounds, archiveMedian / 1e6,
                    oci / 1e6, oci / archiveMedian);
            System.out.printf("pulled from the local registry, no blob cache: streamed %.0f ms (%.2fx oci-archive), "
                    + "read ahead %.0f ms (%.2fx oci-archive)%n", median(r) / 1e6, median(r) / oci,
                    median(rAhead) / 1e6, median(rAhead) / oci);
            System.out.printf("pulled into an empty blob cache: streamed %.0f ms (%.2fx oci-archive), read ahead "
                    + "%.0f ms (%.2fx oci-archive); from a warm blob cache %.0f ms (%.2fx, no blob fetched)%n",
                    median(fill) / 1e6, median(fill) / oci, median(fillAhead) / 1e6, median(fillAhead) / oci,
                    median(warm) / 1e6, median(warm) / oci);
            System.out.printf("CPU per scan: oci-archive %.0f ms; pulled with read-ahead %.0f ms (%.2fx), and serving it "
                    + "cost the registry %.0f ms on the same %d cores%n", ociCpu / 1e6 / rounds, pullCpu / 1e6 / rounds,
                    (double) pullCpu / ociCpu, servingCpu / 1e6 / rounds, Runtime.getRuntime().availableProcessors());
            // the best round is the one the machine's other work disturbed least
            System.out.printf("best of %d: oci-archive %.0f ms; no blob cache: streamed %.2fx, read ahead %.2fx; empty "
                    + "blob cache: streamed %.2fx, read ahead %.2fx; warm blob cache %.2fx (each against the best "
                    + "oci-archive round)%n", rounds, best(o) / 1e6, best(r) / best(o), best(rAhead) / best(o),
                    best(fill) / best(o), best(fillAhead) / best(o), best(warm) / best(o));
            if (delay != null) {
                delay.close();
            }
        } finally {
            // the archives and the registry's storage: ~90 MB a run
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** This process's CPU time so far, every thread. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double best(long[] times) {
        return Arrays.stream(times).min().orElseThrow();
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long scan(String reference, RegistrySettings settings) throws Exception {
        long start = System.nanoTime();
        // as the CLI opens an image it walks without a layer cache: every layer will be read
        ImageOptions options = ImageOptions.DEFAULT.withLayersKnown(layer -> false);
        try (ImageSource source = ImageSources.open(ImageReferences.parse(reference), options, settings)) {
            Inventory inv = IndexService.standard().inventory(source, new LayerWalker(2, ImageLimits.DEFAULT));
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
