package io.plimsoll.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.layer.Bytes;
import io.plimsoll.image.testing.LocalRegistry;
import io.plimsoll.model.Digest;
import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.config.ConfigLoader;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.http.JsonLog;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Issue 15's {@code image add → analyzed}: a generated image with jars and npm packages (400 MB expanded by default:
 * a Debian 12 base with a dpkg database, a layer of Maven jars, a layer of node_modules, a layer of application
 * data) pushed to a real docker-registry on 127.0.0.1, and a real {@code PlimsollServer} (embedded PostgreSQL) that
 * analyses it: the time from {@code POST /v1/images} to {@code analysis_status: analyzed}, polled every 20 ms. Cold
 * is the server's first image (no layer pulled before, JIT cold); warm are further tags over the same layers (each a
 * new manifest digest, so each is analysed). Needs Debian's docker-registry on the PATH. Exits non-zero when an
 * analysis fails or misses the jars or npm packages, never because of a time.
 */
public final class AnalysisBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int WARM_RUNS = 3;
    private static final int JARS = 240;
    private static final int NPM_PACKAGES = 2_000;
    private static final int DEB_PACKAGES = 150;
    private static final String[] WORDS = ("the of and to in is for on that with as by at from package version "
            + "install library usr lib share doc config error function return module export require").split(" ");

    private AnalysisBench() {
    }

    public static void main(String[] args) throws Exception {
        long size = 400L << 20;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Bytes.parse(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Optional<Path> registryBinary = LocalRegistry.onPath("docker-registry");
        if (registryBinary.isEmpty()) {
            System.out.println("analysis: skipped (docker-registry is not installed: apt-get install docker-registry)");
            return;
        }
        Path work = dir != null ? dir : Files.createTempDirectory("plimsoll-analysis-bench");
        int exit = 0;
        try {
            long t0 = System.nanoTime();
            Image image = generate(work.resolve("blobs"), size);
            System.out.printf(Locale.ROOT, "generated %d layers, %s expanded, %s gzip, in %.1f s%n", image.layers.size(),
                    Bytes.human(image.expanded), Bytes.human(image.layers.stream().mapToLong(LayerWalkBench::size).sum()),
                    (System.nanoTime() - t0) / 1e9);
            try (LocalRegistry registry = LocalRegistry.start(registryBinary.get(), work.resolve("registry"),
                    LocalRegistry.Setup.open()); PlimsollServer server = start(work.resolve("server"))) {
                for (Path layer : image.layers) {
                    registry.pushBlob("bench/app", Digest.parse("sha256:" + layer.getFileName()),
                            Files.readAllBytes(layer));
                }
                for (int tag = 0; tag <= WARM_RUNS; tag++) {
                    push(registry, image, tag);
                }
                System.out.println("load while measuring: " + loadAverage());
                long cold = analyse(server, registry.host() + "/bench/app:0");
                long[] warm = new long[WARM_RUNS];
                for (int i = 0; i < WARM_RUNS; i++) {
                    warm[i] = analyse(server, registry.host() + "/bench/app:" + (i + 1));
                }
                Arrays.sort(warm);
                double mb = image.expanded / 1e6;
                System.out.printf(Locale.ROOT, "image add -> analyzed, %s image (%d jars, %d npm packages, %d deb "
                                + "packages): cold %.2f s (%.0f MB/s); warm, same layers under new tags, median of %d "
                                + "%.2f s (%.0f MB/s; min %.2f, max %.2f)%n", Bytes.human(image.expanded), JARS,
                        NPM_PACKAGES, DEB_PACKAGES, cold / 1e9, mb / (cold / 1e9), WARM_RUNS,
                        warm[WARM_RUNS / 2] / 1e9, mb / (warm[WARM_RUNS / 2] / 1e9), warm[0] / 1e9,
                        warm[WARM_RUNS - 1] / 1e9);
                System.out.println("load after: " + loadAverage());
            }
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            if (dir == null) {
                deleteTree(work);
            }
        }
        System.exit(exit); // the server's and HTTP client's threads would keep the JVM alive
    }

    /** Nanoseconds from the POST to the record's analyzed status; checks the analysis found the jars and npm. */
    private static long analyse(PlimsollServer server, String tag) throws Exception {
        long t0 = System.nanoTime();
        JsonNode queued = send("POST", server.baseUrl() + "/v1/images", "{\"tag\": \"" + tag + "\"}", 202).get(0);
        String record = queued.path("record_id").asText();
        JsonNode done;
        while (true) {
            done = send("GET", server.baseUrl() + "/v1/images/" + record, null, 200).get(0);
            String status = done.path("analysis_status").asText();
            if (status.equals("analyzed")) {
                break;
            }
            if (status.equals("analysis_failed")) {
                throw new IllegalStateException(tag + ": analysis failed: " + done);
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException(tag + ": not analysed after 10 minutes");
            }
            Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - t0;
        String digest = done.path("imageDigest").asText();
        int java = send("GET", server.baseUrl() + "/v1/images/" + digest + "/content/java", null, 200)
                .path("content").size();
        int npm = send("GET", server.baseUrl() + "/v1/images/" + digest + "/content/npm", null, 200)
                .path("content").size();
        int os = send("GET", server.baseUrl() + "/v1/images/" + digest + "/content/os", null, 200)
                .path("content").size();
        System.out.printf(Locale.ROOT, "  %s: analyzed in %.2f s (%d java, %d npm, %d os packages)%n", tag,
                elapsed / 1e9, java, npm, os);
        if (java < JARS || npm < NPM_PACKAGES || os < DEB_PACKAGES) {
            throw new IllegalStateException(tag + ": the analysis missed packages the image holds");
        }
        return elapsed;
    }

    private static JsonNode send(String method, String url, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        b = body == null ? b.GET() : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Every role but the feed updater; analysis polled often so the queue's pick-up does not dominate. */
    private static PlimsollServer start(Path dir) throws Exception {
        Map<String, String> env = Map.of(
                "PLIMSOLL_SERVER_LISTEN", "127.0.0.1:0",
                "PLIMSOLL_SERVER_UPDATER_INTERVAL", "0",
                "PLIMSOLL_SERVER_SHUTDOWN_GRACE", "2s",
                "PLIMSOLL_SERVER_ANALYSIS_POLL", "50ms",
                "PLIMSOLL_SERVER_INDEXER_ALLOW_PRIVATE_ADDRESSES", "true");
        ServerConfig config = ConfigLoader.load(Optional.empty(), env, Files.createDirectories(dir));
        PrintStream log = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return PlimsollServer.start(config, new JsonLog(log, false));
    }

    /** Tag {@code n}: the same layers under a config with its own label, so each tag is a new manifest digest. */
    private static void push(LocalRegistry registry, Image image, int n) throws Exception {
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"bench.tag\":\"" + n
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", image.diffIds) + "]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256Of(configBytes);
        registry.pushBlob("bench/app", configDigest, configBytes);
        List<String> layers = new ArrayList<>();
        for (Path l : image.layers) {
            layers.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:"
                    + l.getFileName() + "\",\"size\":" + Files.size(l) + "}");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + configBytes.length + "},\"layers\":[" + String.join(",", layers) + "]}";
        registry.pushManifest("bench/app", Integer.toString(n), "application/vnd.oci.image.manifest.v1+json",
                manifest.getBytes(StandardCharsets.UTF_8));
    }

    private record Image(List<Path> layers, List<String> diffIds, long expanded) {
    }

    /**
     * Four gzip layers, each a blob named by its digest's hex: the Debian base (os-release and a dpkg database),
     * {@value #JARS} Maven jars (pom.properties, a manifest and poorly compressible class bytes), {@value #NPM_PACKAGES}
     * npm packages under {@code /usr/lib/app/node_modules}, and application files up to {@code size} in all.
     */
    private static Image generate(Path dir, long size) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(15);
        List<Path> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        long[] expanded = {0};
        long jarBytes = size * 3 / 10;
        long npmBytes = size * 3 / 10;
        layers.add(layer(dir, diffIds, expanded, tar -> {
            LayerWalkBench.put(tar, "etc/os-release", ("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                    + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder status = new StringBuilder();
            for (int i = 0; i < DEB_PACKAGES; i++) {
                status.append("Package: lib").append(i).append("\nStatus: install ok installed\nArchitecture: amd64\n")
                        .append("Version: 1.").append(i).append("-1\n\n");
            }
            LayerWalkBench.put(tar, "var/lib/dpkg/status", status.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 400; i++) {
                LayerWalkBench.put(tar, "usr/share/doc/lib" + (i % DEB_PACKAGES) + "/file" + i, LayerWalkBench.text(random, WORDS,
                        2_000 + random.nextInt(30_000)));
            }
        }));
        layers.add(layer(dir, diffIds, expanded, tar -> {
            for (int i = 0; i < JARS; i++) {
                LayerWalkBench.put(tar, "opt/app/lib/lib" + i + "-2." + i + ".jar", jar(random, i, (int) (jarBytes / JARS)));
            }
        }));
        layers.add(layer(dir, diffIds, expanded, tar -> {
            for (int i = 0; i < NPM_PACKAGES; i++) {
                String base = "usr/lib/app/node_modules/pkg" + i + "/";
                LayerWalkBench.put(tar, base + "package.json", ("{\"name\":\"pkg" + i + "\",\"version\":\"3." + i
                        + ".0\",\"main\":\"index.js\",\"license\":\"MIT\"}").getBytes(StandardCharsets.UTF_8));
                LayerWalkBench.put(tar, base + "index.js", LayerWalkBench.text(random, WORDS, (int) (npmBytes / NPM_PACKAGES)));
            }
        }));
        long rest = size - expanded[0];
        layers.add(layer(dir, diffIds, expanded, tar -> {
            long written = 0;
            for (int n = 0; written < rest; n++) {
                byte[] content = random.nextInt(10) < 8 ? LayerWalkBench.text(random, WORDS, 200 + random.nextInt(16_000))
                        : LayerWalkBench.mixed(random, WORDS, 50_000 + random.nextInt(500_000));
                LayerWalkBench.put(tar, "srv/data/dir" + (n % 97) + "/file-" + n, content);
                written += content.length;
            }
        }));
        return new Image(layers, diffIds, expanded[0]);
    }

    private interface Contents {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static Path layer(Path dir, List<String> diffIds, long[] expanded, Contents contents) throws IOException {
        Path tmp = dir.resolve("tmp");
        MessageDigest blobHash = Digest.newSha256();
        MessageDigest diffHash = Digest.newSha256();
        long[] count = {0};
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             DigestOutputStream blobOut = new DigestOutputStream(file, blobHash);
             GZIPOutputStream gz = new GZIPOutputStream(blobOut, 1 << 16);
             DigestOutputStream diffOut = new DigestOutputStream(gz, diffHash);
             OutputStream counting = new java.io.FilterOutputStream(diffOut) {
                 @Override
                 public void write(byte[] b, int off, int len) throws IOException {
                     out.write(b, off, len);
                     count[0] += len;
                 }
             };
             TarArchiveOutputStream tar = new TarArchiveOutputStream(counting)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            contents.write(tar);
            tar.finish();
        }
        expanded[0] += count[0];
        diffIds.add("\"sha256:" + HexFormat.of().formatHex(diffHash.digest()) + "\"");
        Path blob = dir.resolve(HexFormat.of().formatHex(blobHash.digest()));
        Files.move(tmp, blob);
        return blob;
    }

    /** A jar as Maven builds one: its manifest, pom.properties, and compressed class-like bytes. */
    private static byte[] jar(Random random, int i, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size + 4096);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\nImplementation-Title: lib" + i + "\nImplementation-Version: 2." + i
                    + "\n").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.bench/lib" + i + "/pom.properties"));
            zip.write(("groupId=org.bench\nartifactId=lib" + i + "\nversion=2." + i + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (int c = 0; bytes.size() < size; c++) {
                zip.putNextEntry(new ZipEntry("org/bench/lib" + i + "/C" + c + ".class"));
                zip.write(LayerWalkBench.mixed(random, WORDS, 20_000 + random.nextInt(40_000)));
            }
        }
        return bytes.toByteArray();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
