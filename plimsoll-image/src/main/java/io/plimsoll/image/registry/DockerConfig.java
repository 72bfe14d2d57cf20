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
 * Credential helpers ({@code credsStore}, {@code credHelpers}) are not run yet.
 */
public final class DockerConfig {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonNode auths;
    private final Path file;

    private DockerConfig(Path file, JsonNode auths) {
        this.file = file;
        this.auths = auths;
    }

    /** The config docker itself would read; an absent file means no credentials. */
    public static DockerConfig fromEnvironment() throws ImageException {
        String dir = System.getenv("DOCKER_CONFIG");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return load(base.resolve("config.json"));
    }

    public static DockerConfig load(Path file) throws ImageException {
        if (!Files.isRegularFile(file)) {
            return new DockerConfig(file, MAPPER.createObjectNode());
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            return new DockerConfig(file, root == null ? MAPPER.createObjectNode() : root.path("auths"));
        } catch (IOException e) {
            throw new ImageException(file.toString(), "cannot read the docker config (" + e.getMessage() + ")", e);
        }
    }

    /** The stored credentials for a registry as users name it ({@code docker.io}, {@code host:5000}). */
    public Optional<Credentials> lookup(String registry) throws ImageException {
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (hostOf(e.getKey()).equals(normalise(registry))) {
                return decode(e.getKey(), e.getValue());
            }
        }
        return Optional.empty();
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
