package io.plimsoll.bench;

import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.Layer;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 19's goals, whole process as a user runs it, best of 3 in the same run: {@code gzip -dc} of the image's layer
 * blobs one after the other, {@code plimsoll sbom} and {@code plimsoll scan --offline} with an empty layer cache
 * (cold) and again with the cache the cold run left (warm), and {@code plimsoll --version}. The image is the
 * layer-walk benchmark's generated one, or {@code --image oci:DIR} (the real image of
 * {@code src/main/scripts/real-image.sh}); with {@code --base-shared oci:DIR2}, also the {@code sbom} of a second
 * image over the first's cache, and how many of its layers it read (the layer cache's entries before and after, as
 * {@code plimsoll cache status} counts them). Each process is started as {@code ./plimsoll} starts it: the
 * class-data archive beside the jar when it is newer than the jar, and the launcher's C2 thresholds and collector.
 * Prints wall and CPU (user + sys of the child processes, from {@code /proc/self/stat}); on a loaded machine CPU is
 * the figure to compare. Needs the CLI's jar ({@code -Dplimsoll.jar}, default {@code ../plimsoll-cli/target/plimsoll.jar}):
 * {@code mvn -B -o -pl plimsoll-cli -am package -DskipTests} first.
 */
public final class LayerCacheBench {

    private static final int ROUNDS = 3;

    /**
     * {@code ./plimsoll}'s C2 thresholds (ten times the JVM's defaults) and its collector for the commands that run
     * and exit; keep equal to the launcher's {@code jit} and {@code gc}.
     */
    private static final List<String> LAUNCHER_JIT = List.of("-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000", "-XX:+UseSerialGC");

    /** Wall and CPU seconds of one measured step. */
    record Time(double wall, double cpu) {
        static final Time NONE = new Time(Double.MAX_VALUE, Double.MAX_VALUE);

        Time best(Time other) {
            return new Time(Math.min(wall, other.wall), Math.min(cpu, other.cpu));
        }
    }

    public static void main(String[] args) throws Exception {
        long size = 1L << 30;
        int layers = 4;
        Path dir = null;
        String given = null;
        String shared = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Bytes.parse(args[++i]);
                case "--layers" -> layers = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--image" -> given = args[++i];
                case "--base-shared" -> shared = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path jar = Path.of(System.getProperty("plimsoll.jar", "../plimsoll-cli/target/plimsoll.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -B -o -pl plimsoll-cli -am package -DskipTests");
        }
        List<String> java = javaCommand(jar);
        System.out.println("each run: " + String.join(" ", java));
        Path work = dir != null ? dir : Files.createTempDirectory("plimsoll-cache-bench");
        String image = given;
        if (image == null) {
            Path layout = work.resolve("image");
            if (!Files.isRegularFile(layout.resolve("index.json"))) {
                LayerWalkBench.Generated g = LayerWalkBench.generate(layout, size, layers);
                System.out.printf(Locale.ROOT, "generated %s (%d layers, %s expanded)%n", layout, layers,
                        Bytes.human(g.expanded()));
            }
            image = "oci:" + layout;
        }
        List<Path> blobs = layerBlobs(image);
        System.out.printf(Locale.ROOT, "%s: %d layers, %s of gzip%n", image, blobs.size(),
                Bytes.human(blobs.stream().mapToLong(LayerWalkBench::size).sum()));
        Path cache = work.resolve("cache");
        Bench bench = new Bench(java, cache);
        List<String> sbom = List.of("sbom", "--format", "json", image);
        List<String> scan = List.of("scan", "--offline", "--format", "json", image);
        Time gzip = Time.NONE;
        Time sbomCold = Time.NONE;
        Time sbomWarm = Time.NONE;
        Time sharedSbom = Time.NONE;
        Time scanCold = Time.NONE;
        Time scanWarm = Time.NONE;
        Time version = Time.NONE;
        List<Integer> sharedRead = new ArrayList<>();
        int sharedLayers = shared == null ? 0 : layerBlobs(shared).size();
        for (int round = 0; round < ROUNDS; round++) {
            double cpu0 = childCpu();
            long t0 = System.nanoTime();
            LayerWalkBench.gzipDc(blobs);
            gzip = gzip.best(new Time((System.nanoTime() - t0) / 1e9, childCpu() - cpu0));

            deleteTree(cache.resolve("layers"));
            sbomCold = sbomCold.best(bench.run(sbom));
            sbomWarm = sbomWarm.best(bench.run(sbom));
            if (shared != null) {
                int before = bench.cachedLayers();
                sharedSbom = sharedSbom.best(bench.run(List.of("sbom", "--format", "json", shared)));
                sharedRead.add(bench.cachedLayers() - before);
            }
            deleteTree(cache.resolve("layers"));
            scanCold = scanCold.best(bench.run(scan));
            scanWarm = scanWarm.best(bench.run(scan));
            version = version.best(bench.run(List.of("--version")));
        }
        System.out.println();
        System.out.println("best of " + ROUNDS + " (wall and CPU each at its best)   wall      CPU");
        print("gzip -dc of the blobs, one stream", gzip);
        print("sbom, cold", sbomCold);
        print("sbom, warm", sbomWarm);
        if (shared != null) {
            print("sbom of " + shared + " over the warm cache", sharedSbom);
        }
        print("scan --offline, cold", scanCold);
        print("scan --offline, warm", scanWarm);
        print("--version", version);
        System.out.printf(Locale.ROOT, "cold sbom against gzip -dc: %.2fx wall, %.2fx CPU (goal >= 1.0, 1.3)%n",
                gzip.wall / sbomCold.wall, gzip.cpu / sbomCold.cpu);
        System.out.printf(Locale.ROOT, "warm/cold sbom: %.2f wall, %.2f CPU (goal <= 0.25, warm < 0.8 s)%n",
                sbomWarm.wall / sbomCold.wall, sbomWarm.cpu / sbomCold.cpu);
        System.out.printf(Locale.ROOT, "warm/cold scan: %.2f wall, %.2f CPU%n", scanWarm.wall / scanCold.wall,
                scanWarm.cpu / scanCold.cpu);
        if (shared != null) {
            System.out.printf(Locale.ROOT, "%s read %s of its %d layers (new layer-cache entries per round)%n", shared,
                    sharedRead, sharedLayers);
        }
        System.out.printf(Locale.ROOT, "--version: %.2f s wall, %.2f s CPU (goal <= 0.25 s)%n", version.wall,
                version.cpu);
        System.out.printf(Locale.ROOT, "layer cache after the runs: %s%n", Bytes.human(size(cache.resolve("layers"))));
        if (dir == null) {
            deleteTree(work);
        }
    }

    /** The CLI's processes, each with the cache directory {@code cache}. */
    private record Bench(List<String> java, Path cache) {

        /** One whole process; exit 0 or 1 (findings) is a run, anything else stops the benchmark. */
        Time run(List<String> args) throws IOException, InterruptedException {
            return run(args, ProcessBuilder.Redirect.DISCARD);
        }

        /** Layers in the layer cache, as {@code plimsoll cache status} counts them. */
        int cachedLayers() throws IOException, InterruptedException {
            Path out = Files.createTempFile("plimsoll-cache-status", ".txt");
            try {
                run(List.of("cache", "status"), ProcessBuilder.Redirect.to(out.toFile()));
                Matcher m = Pattern.compile("layer cache: .*\\R.* in (\\d+) layers")
                        .matcher(Files.readString(out, StandardCharsets.UTF_8));
                if (!m.find()) {
                    throw new IllegalStateException("cache status said no layer count: " + Files.readString(out));
                }
                return Integer.parseInt(m.group(1));
            } finally {
                Files.deleteIfExists(out);
            }
        }

        private Time run(List<String> args, ProcessBuilder.Redirect stdout) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(java);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("PLIMSOLL_CACHE_DIR", cache.toString());
            double cpu0 = childCpu();
            long t0 = System.nanoTime();
            int code = pb.start().waitFor();
            Time time = new Time((System.nanoTime() - t0) / 1e9, childCpu() - cpu0);
            if (code >= 2) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + code);
            }
            return time;
        }
    }

    /** {@code ./plimsoll}'s {@code java} command line for {@code jar}, without the arguments. */
    static List<String> javaCommand(Path jar) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java"));
        Path archive = jar.resolveSibling("plimsoll.jsa");
        if (Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
            cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off", "-Xlog:class+path=off"));
        } else {
            System.out.println("no class-data archive newer than " + jar + ": runs start without one");
        }
        cmd.addAll(LAUNCHER_JIT);
        cmd.addAll(List.of("-jar", jar.toString()));
        return cmd;
    }

    /** The layer blobs of an {@code oci:DIR} image, in layer order. */
    static List<Path> layerBlobs(String reference) throws IOException {
        if (!reference.startsWith("oci:")) {
            throw new IllegalArgumentException("an oci:DIR image is needed (its blobs are gzip -dc'd): " + reference);
        }
        Path layout = Path.of(reference.substring("oci:".length()));
        try (ImageSource source = ImageSources.open(ImageReferences.parse(reference), ImageOptions.DEFAULT)) {
            List<Path> blobs = new ArrayList<>();
            for (Layer layer : source.image().layers()) {
                Digest d = layer.digest().orElseThrow();
                blobs.add(layout.resolve("blobs").resolve(d.algorithm()).resolve(d.hex()));
            }
            return blobs;
        }
    }

    private static double ticksPerSecond;

    /**
     * User + system CPU seconds of this process's children that have ended and been waited for (the kernel's
     * cutime + cstime, what {@code /usr/bin/time} reports for one child).
     */
    static double childCpu() throws IOException {
        if (ticksPerSecond == 0) {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                ticksPerSecond = Double.parseDouble(new String(p.getInputStream().readAllBytes(),
                        StandardCharsets.US_ASCII).strip());
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        // fields after the command's closing parenthesis start at field 3; cutime and cstime are fields 16 and 17
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / ticksPerSecond;
    }

    private static void print(String what, Time t) {
        System.out.printf(Locale.ROOT, "%-50s %6.2f s %6.2f s%n", what, t.wall, t.cpu);
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
