package io.plimsoll.image.testing;

import io.plimsoll.model.Digest;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real CNCF distribution registry (Debian's {@code docker-registry}) on 127.0.0.1 with a free port and its own
 * storage, and a pusher speaking the registry's HTTP API, so registry tests exercise a real server. Tests using it
 * are skipped, saying why, when the binary is not installed.
 */
public final class LocalRegistry implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Setup setup;
    private final Path log;
    private final HttpClient http;

    private LocalRegistry(Process process, int port, Setup setup, Path log) {
        this.process = process;
        this.port = port;
        this.setup = setup;
        this.log = log;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        setup.trust().ifPresent(b::sslContext);
        this.http = b.build();
    }

    /**
     * How the registry runs: the address it binds, its {@code auth:} section with the Authorization header the
     * pusher sends, and TLS (certificate and key files, and a context trusting the certificate for the pusher).
     */
    public record Setup(String bindHost, String auth, Optional<String> pushAuthorization, Optional<Path> certificate,
                        Optional<Path> key, Optional<javax.net.ssl.SSLContext> trust) {

        public static Setup open() {
            return new Setup("127.0.0.1", "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** {@code auth} is the YAML of the config's {@code auth:} section, indented as in the file. */
        public Setup withAuth(String auth, String pushAuthorization) {
            return new Setup(bindHost, auth, Optional.of(pushAuthorization), certificate, key, trust);
        }

        public Setup withTls(String bindHost, Path certificate, Path key, javax.net.ssl.SSLContext trust) {
            return new Setup(bindHost, auth, pushAuthorization, Optional.of(certificate), Optional.of(key),
                    Optional.of(trust));
        }
    }

    /** Skips the calling test when {@code docker-registry} is not on the PATH. */
    public static Path requireBinary() {
        Optional<Path> bin = onPath("docker-registry");
        Assumptions.assumeTrue(bin.isPresent(), "docker-registry is not installed (apt-get install docker-registry); "
                + "skipping the tests against a real registry");
        return bin.get();
    }

    public static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** An open registry: anyone may push and pull. */
    public static LocalRegistry start(Path workDir) throws Exception {
        return start(workDir, Setup.open());
    }

    /**
     * A registry behind htpasswd basic auth with one user, the bcrypt file made by {@code htpasswd -B}
     * (the test is skipped when apache2-utils is not installed).
     */
    public static LocalRegistry startWithHtpasswd(Path workDir, String user, String password) throws Exception {
        Optional<Path> htpasswd = onPath("htpasswd");
        Assumptions.assumeTrue(htpasswd.isPresent(), "htpasswd is not installed (apt-get install apache2-utils); "
                + "skipping the basic-auth registry test");
        Path file = workDir.resolve("htpasswd");
        Process p = new ProcessBuilder(htpasswd.get().toString(), "-Bbn", user, password).redirectErrorStream(true).start();
        byte[] line = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("htpasswd failed: " + new String(line, StandardCharsets.UTF_8));
        }
        Files.write(file, line);
        String auth = "auth:\n  htpasswd:\n    realm: plimsoll-test\n    path: " + file + "\n";
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return start(workDir, Setup.open().withAuth(auth, basic));
    }

    public static LocalRegistry start(Path workDir, Setup setup) throws Exception {
        return start(requireBinary(), workDir, setup);
    }

    /**
     * A registry run from {@code bin}, for callers that found it themselves: the benchmarks run outside JUnit, and
     * this path never touches JUnit's assumptions (so they need no JUnit at run time).
     */
    public static LocalRegistry start(Path bin, Path workDir, Setup setup) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(setup.bindHost()))) {
            port = s.getLocalPort();
        }
        Path storage = Files.createDirectories(workDir.resolve("storage"));
        Path config = workDir.resolve("config.yml");
        // the access log (on stdout, one line per request) is how tests count the blobs a pull fetched
        String tls = setup.certificate().isEmpty() ? "" : "  tls:\n    certificate: " + setup.certificate().get()
                + "\n    key: " + setup.key().orElseThrow() + "\n";
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + storage + "\n"
                + "http:\n  addr: " + setup.bindHost() + ":" + port + "\n" + tls + setup.auth());
        Path log = workDir.resolve("registry.log");
        Process process = new ProcessBuilder(bin.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry r = new LocalRegistry(process, port, setup, log);
        r.awaitReady(log);
        return r;
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
            try {
                int s = http.send(HttpRequest.newBuilder(URI.create(base() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (s == 200 || s == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("docker-registry did not answer within 20 s: " + Files.readString(log));
    }

    /** {@code 127.0.0.1:PORT}, as a reference writes the registry. */
    public String host() {
        return setup.bindHost() + ":" + port;
    }

    private String base() {
        return (setup.certificate().isPresent() ? "https://" : "http://") + host();
    }

    /** Blob GETs the registry has answered so far, from its access log. */
    public long blobGets() throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.matches(".*\"GET /v2/[^ ]+/blobs/[a-z0-9]+:[0-9a-f]+ HTTP.*")).count();
        }
    }

    /**
     * The CPU time the registry process has used so far (user and system, from {@code /proc}; empty elsewhere): on
     * a machine it shares with the client, what serving costs the registry is time the client's threads wait for.
     */
    public java.util.OptionalLong cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux)
            return java.util.OptionalLong.of((Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L);
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Kills the registry at once, as a crash or a dropped network would: open connections break mid-transfer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Uploads the image's blobs and puts its manifest under {@code tag} (or by digest when tag is null). */
    public void push(String repository, TestImage image, String tag) throws Exception {
        TestImage.Manifest m = image.manifest();
        for (Map.Entry<Digest, byte[]> blob : m.blobs().entrySet()) {
            if (!blob.getKey().equals(m.digest())) {
                pushBlob(repository, blob.getKey(), blob.getValue());
            }
        }
        pushManifest(repository, tag == null ? m.digest().toString() : tag,
                "application/vnd.oci.image.manifest.v1+json", m.blobs().get(m.digest()));
    }

    /** The monolithic upload: POST to open a session, PUT the bytes with {@code ?digest=}. */
    public void pushBlob(String repository, Digest digest, byte[] content) throws Exception {
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base() + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(start, 202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base()).resolve(location);
        String sep = upload.getQuery() == null ? "?" : "&";
        expect(send(HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))), 201);
    }

    public void pushManifest(String repository, String reference, String mediaType, byte[] body) throws Exception {
        expect(send(HttpRequest.newBuilder(URI.create(base() + "/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body))), 201);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        setup.pushAuthorization().ifPresent(a -> b.header("Authorization", a));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
