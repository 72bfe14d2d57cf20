package io.plimsoll.bench;

import io.plimsoll.image.layer.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 19's layer cache, whole process as a user runs it: {@code plimsoll sbom} and {@code plimsoll scan} of the
 * layer-walk benchmark's generated image with an empty layer cache (cold) and again with the cache the cold run
 * left (warm), best of 3 each, in the same run. Needs the CLI's jar ({@code -Dplimsoll.jar}, default
 * {@code ../plimsoll-cli/target/plimsoll.jar}): {@code mvn -B -o -pl plimsoll-cli -am package -DskipTests} first.
 */
public final class LayerCacheBench {

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
        Path jar = Path.of(System.getProperty("plimsoll.jar", "../plimsoll-cli/target/plimsoll.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -B -o -pl plimsoll-cli -am package -DskipTests");
        }
        Path work = dir != null ? dir : Files.createTempDirectory("plimsoll-cache-bench");
        Path layout = work.resolve("image");
        if (!Files.isRegularFile(layout.resolve("index.json"))) {
            LayerWalkBench.Generated g = LayerWalkBench.generate(layout, size, layers);
            System.out.printf(Locale.ROOT, "generated %s (%d layers, %s expanded)%n", layout, layers,
                    Bytes.human(g.expanded()));
        }
        Path cache = work.resolve("cache");
        String image = "oci:" + layout;
        for (List<String> command : List.of(List.of("sbom", "--format", "json", image),
                List.of("scan", "--offline", "--format", "json", image))) {
            double cold = Double.MAX_VALUE;
            double warm = Double.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                deleteTree(cache.resolve("layers"));
                cold = Math.min(cold, run(jar, cache, command));
                warm = Math.min(warm, run(jar, cache, command));
            }
            System.out.printf(Locale.ROOT, "%-5s cold %.2f s, warm %.2f s: warm/cold %.2f (goal <= 0.25)%n",
                    command.get(0), cold, warm, warm / cold);
        }
        System.out.printf(Locale.ROOT, "layer cache after the runs: %s%n", Bytes.human(size(cache.resolve("layers"))));
        if (dir == null) {
            deleteTree(work);
        }
    }

    /** Seconds for one whole {@code java -jar plimsoll.jar ...} process. */
    private static double run(Path jar, Path cache, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("PLIMSOLL_CACHE_DIR", cache.toString());
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code >= 2) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + code);
        }
        return seconds;
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
