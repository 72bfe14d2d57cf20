package io.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the database lives and where feeds come from, from (highest first) command-line options, environment
 * variables and the config file ({@code $PLIMSOLL_CONFIG}, else {@code ~/.config/plimsoll/config.yaml}):
 * <pre>
 * db:
 *   path: /var/cache/plimsoll/vuln.db     # env PLIMSOLL_DB
 *   max-age: 72h                          # env PLIMSOLL_DB_MAX_AGE; older data is reported as stale
 * feeds:
 *   debian: {url: https://mirror.example/debian-tracker/}   # env PLIMSOLL_FEED_DEBIAN_URL
 *   nvd: {api-key: ...}                                     # env NVD_API_KEY
 *   amazon: {extras: "docker,kernel-5.10"}                  # AL2 extras topics; "none": core only
 * </pre>
 *
 * @param amazonExtras the Amazon Linux 2 extras topics {@code db update} reads; empty: the updater's default list
 */
record Settings(Path cacheDir, Path database, Duration maxAge, Map<String, String> feedUrls, Optional<String> nvdApiKey,
                Optional<Path> configFile, Optional<List<String>> amazonExtras) {

    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(72);

    /** Reads the environment and the config file; {@code dbOverride} is {@code --db}. */
    static Settings load(Path dbOverride) throws UserInputException {
        Map<String, String> env = environment();
        Path cache = cacheDir(env);
        Optional<Path> configFile = Optional.ofNullable(env.get("PLIMSOLL_CONFIG")).map(Path::of)
                .or(() -> Optional.of(configHome(env).resolve("plimsoll/config.yaml")).filter(Files::isRegularFile));
        JsonNode config = configFile.map(Settings::read).orElse(null);
        Path db = dbOverride != null ? dbOverride
                : env.containsKey("PLIMSOLL_DB") ? Path.of(env.get("PLIMSOLL_DB"))
                : text(config, "db", "path").map(Path::of).orElse(cache.resolve("vuln.db"));
        String age = Optional.ofNullable(env.get("PLIMSOLL_DB_MAX_AGE")).or(() -> text(config, "db", "max-age"))
                .orElse(null);
        Duration maxAge = age == null ? DEFAULT_MAX_AGE : duration(age, configFile);
        Map<String, String> urls = new HashMap<>();
        if (config != null && config.path("feeds").isObject()) {
            config.path("feeds").fields().forEachRemaining(e -> {
                String url = e.getValue().path("url").asText("");
                if (!url.isEmpty()) {
                    urls.put(e.getKey(), withSlash(e.getKey(), url));
                }
            });
        }
        env.forEach((k, v) -> {
            if (k.startsWith("PLIMSOLL_FEED_") && k.endsWith("_URL") && !v.isBlank()) {
                String source = k.substring("PLIMSOLL_FEED_".length(), k.length() - "_URL".length())
                        .toLowerCase(Locale.ROOT);
                urls.put(source, withSlash(source, v.trim()));
            }
        });
        Optional<String> apiKey = Optional.ofNullable(env.get("NVD_API_KEY")).filter(s -> !s.isBlank())
                .or(() -> text(config, "feeds", "nvd", "api-key"));
        Optional<List<String>> amazonExtras = text(config, "feeds", "amazon", "extras").map(topics -> {
            try {
                return io.plimsoll.ecosystem.amazon.AmazonUpdateInfoUpdater.parseExtras(topics);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(configFile.map(p -> p + ": ").orElse("") + "feeds.amazon.extras: "
                        + e.getMessage());
            }
        });
        return new Settings(cache, db.toAbsolutePath(), maxAge, urls, apiKey, configFile, amazonExtras);
    }

    /** Variables tests set instead of the process environment (which Java cannot change). */
    static final Map<String, String> TEST_ENVIRONMENT = new java.util.concurrent.ConcurrentHashMap<>();

    static Map<String, String> environment() {
        if (TEST_ENVIRONMENT.isEmpty()) {
            return System.getenv();
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(TEST_ENVIRONMENT);
        return env;
    }

    /** The user's cache directory: PLIMSOLL_CACHE_DIR, XDG_CACHE_HOME, ~/Library/Caches or %LOCALAPPDATA%. */
    static Path cacheDir(Map<String, String> env) {
        if (env.containsKey("PLIMSOLL_CACHE_DIR")) {
            return Path.of(env.get("PLIMSOLL_CACHE_DIR")).toAbsolutePath();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win") && env.containsKey("LOCALAPPDATA")) {
            return Path.of(env.get("LOCALAPPDATA"), "plimsoll");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Caches/plimsoll");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("plimsoll");
    }

    private static Path configHome(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    }

    /** Feed base URLs are directories: a missing trailing slash would drop the last path segment. */
    private static String withSlash(String source, String url) {
        return url.endsWith("/") || source.equals("nvd") ? url : url + "/";
    }

    /** The config file, its keys checked first: a mistyped key is refused with its line. */
    private static JsonNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the config file: " + e.getMessage());
        }
        new ConfigKeys(io.plimsoll.ecosystem.Ecosystems.updaters(Optional.empty()).stream()
                .map(io.plimsoll.vuln.feed.Updater::name).toList()).check(file, bytes);
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new UserInputException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    private static Optional<String> text(JsonNode config, String... path) {
        JsonNode n = config;
        for (String p : path) {
            if (n == null) {
                return Optional.empty();
            }
            n = n.get(p);
        }
        return n == null || !n.isValueNode() ? Optional.empty() : Optional.of(n.asText());
    }

    /** A duration option or setting ({@link io.plimsoll.model.Durations}); the error names where it came from. */
    static Duration duration(String text, Optional<Path> where) throws UserInputException {
        try {
            return io.plimsoll.model.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where.map(p -> p + ": ").orElse("") + "invalid duration: " + e.getMessage());
        }
    }
}
