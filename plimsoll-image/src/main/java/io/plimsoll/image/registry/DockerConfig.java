package io.plimsoll.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials as {@code docker login} stores them: {@code $DOCKER_CONFIG/config.json} or
 * {@code ~/.docker/config.json}, {@code auths.HOST.auth} = base64 of {@code user:password}.
 * Credential helpers ({@code credHelpers} per registry, {@code credsStore} for the rest) are run as docker runs them:
 * {@code docker-credential-NAME get} with the server on standard input, a JSON answer on standard output.
 */
public final class DockerConfig {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long HELPER_TIMEOUT_SECONDS = 10;
    private final JsonNode auths;
    private final JsonNode root;
    private final Path file;
    private final java.util.function.Function<String, Optional<Path>> helpers;

    private DockerConfig(Path file, JsonNode root, java.util.function.Function<String, Optional<Path>> helpers) {
        this.file = file;
        this.root = root;
        this.auths = root.path("auths");
        this.helpers = helpers;
    }

    /** The same config, finding credential helpers with {@code locator} instead of on the PATH (tests). */
    public DockerConfig withHelperLocator(java.util.function.Function<String, Optional<Path>> locator) {
        return new DockerConfig(file, root, locator);
    }

    /** {@code docker-credential-NAME} on the PATH, as docker finds it. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "docker-credential-" + name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The config docker itself would read; an absent file means no credentials. */
    public static DockerConfig fromEnvironment() throws ImageException {
        String dir = System.getenv("DOCKER_CONFIG");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return load(base.resolve("config.json"));
    }

    public static DockerConfig load(Path file) throws ImageException {
        if (!Files.isRegularFile(file)) {
            return new DockerConfig(file, MAPPER.createObjectNode(), DockerConfig::onPath);
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            return new DockerConfig(file, root == null ? MAPPER.createObjectNode() : root, DockerConfig::onPath);
        } catch (IOException e) {
            throw new ImageException(file.toString(), "cannot read the docker config (" + e.getMessage() + ")", e);
        }
    }

    /** The stored credentials for a registry as users name it ({@code docker.io}, {@code host:5000}). */
    public Optional<Credentials> lookup(String registry) throws ImageException {
        String host = normalise(registry);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("credHelpers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (hostOf(e.getKey()).equals(host)) {
                return runHelper(e.getValue().asText(), e.getKey());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (hostOf(e.getKey()).equals(host)) {
                Optional<Credentials> inline = decode(e.getKey(), e.getValue());
                if (inline.isPresent()) {
                    return inline;
                }
            }
        }
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            // docker login stores Docker Hub under its v1 URL and other registries under their host name
            return runHelper(store, host.equals(RegistryReference.DOCKER_HUB) ? "https://index.docker.io/v1/" : host);
        }
        return Optional.empty();
    }

    /** Runs {@code docker-credential-NAME get} for {@code server}; "not found" answers mean no credentials. */
    private Optional<Credentials> runHelper(String name, String server) throws ImageException {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ImageException(file.toString(), "credential helper name '" + name + "' is not a plain name");
        }
        Path helper = helpers.apply(name).orElseThrow(() -> new ImageException(file.toString(),
                "credential helper docker-credential-" + name + " is not on the PATH"));
        try {
            Process p = new ProcessBuilder(helper.toString(), "get")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write(server.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(HELPER_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ImageException(file.toString(), "credential helper docker-credential-" + name
                        + " did not answer within " + HELPER_TIMEOUT_SECONDS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
                    return Optional.empty();
                }
                throw new ImageException(file.toString(), "credential helper docker-credential-" + name
                        + " failed for " + server + " (exit " + p.exitValue() + ")");
            }
            JsonNode answer = MAPPER.readTree(text);
            String user = answer.path("Username").asText("");
            String secret = answer.path("Secret").asText("");
            return secret.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, secret));
        } catch (IOException e) {
            throw new ImageException(file.toString(), "credential helper docker-credential-" + name
                    + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(file.toString(), "interrupted while running docker-credential-" + name, e);
        }
    }

    private Optional<Credentials> decode(String key, JsonNode entry) throws ImageException {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String plain;
            try {
                plain = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                throw new ImageException(file.toString(), "auths." + key + ".auth is not base64");
            }
            int colon = plain.indexOf(':');
            if (colon < 0) {
                throw new ImageException(file.toString(), "auths." + key + ".auth is not base64 of user:password");
            }
            return Optional.of(new Credentials(plain.substring(0, colon), plain.substring(colon + 1)));
        }
        String user = entry.path("username").asText("");
        return user.isEmpty() ? Optional.empty() : Optional.of(new Credentials(user, entry.path("password").asText("")));
    }

    /** docker login keys Docker Hub as {@code https://index.docker.io/v1/}; others as a host or a URL. */
    private static String hostOf(String key) {
        String k = key.replaceFirst("^https?://", "");
        int slash = k.indexOf('/');
        return normalise(slash >= 0 ? k.substring(0, slash) : k);
    }

    private static String normalise(String host) {
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io" -> RegistryReference.DOCKER_HUB;
            default -> host;
        };
    }
}
