package io.plimsoll.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the server's YAML configuration, then applies environment overrides: every setting {@code a.b_c} can be set
 * with {@code PLIMSOLL_SERVER_A_B_C} (lists comma-separated), and the database also with
 * {@code PLIMSOLL_DATABASE_URL}. Unknown keys in the file are an error, so a typo does not silently fall back to a
 * default.
 */
public final class ConfigLoader {

    /** Every setting, with its default (null: none). */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("listen", "127.0.0.1:6060");
        KEYS.put("tls.key_store", null);
        KEYS.put("tls.key_store_password", "");
        KEYS.put("max_request_bytes", "8MiB");
        KEYS.put("idle_timeout", "30s");
        KEYS.put("shutdown_grace", "10s");
        KEYS.put("data_dir", null);
        KEYS.put("database", null);
        KEYS.put("database_pool_size", "10");
        KEYS.put("roles", "api,indexer,matcher,notifier,updater");
        KEYS.put("auth.psk.key", null);
        KEYS.put("auth.psk.iss", "");
        KEYS.put("auth.admin_password", null);
        KEYS.put("indexer.allow_private_addresses", "false");
        KEYS.put("indexer.fetch_timeout", "60s");
        KEYS.put("indexer.layer_parallelism", "4");
        KEYS.put("indexer.max_layer_bytes", "16GiB");
        KEYS.put("updater.interval", "6h");
        KEYS.put("updater.sources", "");
        KEYS.put("updater.from", null);
        KEYS.put("updater.feed_urls", null);
        KEYS.put("updater.nvd_api_key", null);
        KEYS.put("updater.amazon_extras", null);
        KEYS.put("notifier.webhook", null);
        KEYS.put("notifier.callback_base", null);
        KEYS.put("notifier.delivery_retry", "5s");
        KEYS.put("notifier.max_retry_delay", "10m");
        KEYS.put("notifier.page_size", "100");
        KEYS.put("notifier.poll", "5s");
        KEYS.put("analysis.workers", "2");
        KEYS.put("analysis.lease", "60s");
        KEYS.put("analysis.poll", "1s");
        KEYS.put("registries.secret_key", null);
        KEYS.put("watcher.interval", "5m");
        KEYS.put("watcher.rescan", "24h");
        KEYS.put("webhooks.url", null);
        KEYS.put("webhooks.secret", null);
        KEYS.put("webhooks.delivery_retry", "5s");
        KEYS.put("webhooks.max_retry_delay", "10m");
        KEYS.put("webhooks.token", null);
        KEYS.put("webhooks.account", "admin");
        KEYS.put("webhooks.registry.all_pushes", "false");
        KEYS.put("image.max_expanded_size", "256GiB");
        KEYS.put("image.max_file_size", "64GiB");
        KEYS.put("image.max_entries", null); // one per 640 bytes of heap, as ImageLimits.DEFAULT_MAX_ENTRIES
        KEYS.put("catalog.max_document_bytes", "24MiB");
        KEYS.put("catalog.max_string_length", "8MiB");
        KEYS.put("catalog.max_packages_per_file", "100000");
    }


    private final String origin;
    private final ObjectNode root;

    private ConfigLoader(String origin, ObjectNode root) {
        this.origin = origin;
        this.root = root;
    }

    /**
     * @param file          the YAML file, or empty for defaults plus environment
     * @param env           the environment (System.getenv() in production)
     * @param defaultDataDir where the embedded database lives when the file does not say
     */
    public static ServerConfig load(Optional<Path> file, Map<String, String> env, Path defaultDataDir) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String origin = "defaults";
        if (file.isPresent()) {
            origin = file.get().toString();
            root = read(file.get());
            checkKnown(root, "", origin);
        }
        ConfigLoader loader = new ConfigLoader(origin, root);
        loader.applyEnvironment(env);
        return loader.build(defaultDataDir);
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!(node instanceof ObjectNode o)) {
                throw new ConfigException(file + ": the configuration must be a YAML mapping");
            }
            return o;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file");
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void checkKnown(JsonNode node, String prefix, String origin) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            if (KEYS.containsKey(key)) {
                continue;
            }
            boolean isSection = KEYS.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
            if (isSection && f.getValue().isObject()) {
                checkKnown(f.getValue(), key + ".", origin);
            } else {
                throw new ConfigException(origin + ": unknown setting '" + key + "' (known: "
                        + String.join(", ", KEYS.keySet()) + ")");
            }
        }
    }

    private void applyEnvironment(Map<String, String> env) {
        for (String key : KEYS.keySet()) {
            String name = "PLIMSOLL_SERVER_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                set(key, value);
            }
        }
        String db = env.get("PLIMSOLL_DATABASE_URL");
        if (db != null && !db.isBlank() && !env.containsKey("PLIMSOLL_SERVER_DATABASE")) {
            set("database", db);
        }
    }

    private void set(String key, String value) {
        String[] parts = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    private Optional<JsonNode> node(String key) {
        JsonNode n = root;
        for (String p : key.split("\\.")) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    private Optional<String> string(String key) {
        Optional<JsonNode> n = node(key);
        if (n.isPresent() && n.get().isContainerNode()) {
            throw bad(key, "expected a single value");
        }
        Optional<String> v = n.map(JsonNode::asText).filter(s -> !s.isBlank());
        return v.isPresent() ? v : Optional.ofNullable(KEYS.get(key)).filter(s -> !s.isBlank());
    }

    private String required(String key) {
        return string(key).orElseThrow(() -> bad(key, "is required"));
    }

    private List<String> list(String key) {
        Optional<JsonNode> n = node(key);
        List<String> out = new ArrayList<>();
        if (n.isPresent() && n.get() instanceof ArrayNode a) {
            a.forEach(e -> out.add(e.asText().trim()));
        } else {
            String s = n.map(JsonNode::asText).orElse(KEYS.getOrDefault(key, ""));
            for (String part : (s == null ? "" : s).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private Map<String, String> map(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        node(key).ifPresent(n -> {
            if (!n.isObject()) {
                throw bad(key, "expected a mapping of source name to URL");
            }
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        });
        return out;
    }

    private boolean bool(String key) {
        String s = required(key).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, "expected true or false, got '" + s + "'");
        };
    }

    private int integer(String key, int min) {
        String s = required(key);
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min) {
                throw bad(key, "must be at least " + min + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, "expected a whole number, got '" + s + "'");
        }
    }

    /** The one duration syntax of settings and options ({@link io.plimsoll.model.Durations}). */
    static Duration duration(String s) {
        return io.plimsoll.model.Durations.parse(s);
    }

    private Duration durationOf(String key) {
        try {
            return duration(required(key));
        } catch (IllegalArgumentException e) {
            throw bad(key, e.getMessage());
        }
    }

    private long limitSize(String key, long max) {
        long v;
        try {
            v = size(required(key));
        } catch (IllegalArgumentException e) {
            throw bad(key, e.getMessage());
        }
        if (v <= 0 || v > max) {
            throw bad(key, "must be between 1 and " + max + " bytes");
        }
        return v;
    }

    /** The one size syntax of settings and options ({@link io.plimsoll.image.layer.Bytes#parse}). */
    static long size(String s) {
        return io.plimsoll.image.layer.Bytes.parse(s);
    }

    private ConfigException bad(String key, String why) {
        return new ConfigException(origin + ": setting '" + key + "' " + why);
    }

    private ServerConfig build(Path defaultDataDir) {
        String listen = required("listen");
        if (!listen.matches(".+:\\d{1,5}")) {
            throw bad("listen", "expected host:port, got '" + listen + "'");
        }
        Optional<ServerConfig.Tls> tls = string("tls.key_store")
                .map(ks -> new ServerConfig.Tls(Path.of(ks), string("tls.key_store_password").orElse("")));
        long maxBody;
        try {
            maxBody = size(required("max_request_bytes"));
        } catch (IllegalArgumentException e) {
            throw bad("max_request_bytes", e.getMessage());
        }
        Set<ServerConfig.Role> roles = EnumSet.noneOf(ServerConfig.Role.class);
        for (String r : list("roles")) {
            roles.add(ServerConfig.Role.parse(r));
        }
        Optional<ServerConfig.Auth> auth = string("auth.psk.key").map(k -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(k.trim());
            } catch (IllegalArgumentException e) {
                throw bad("auth.psk.key", "must be base64 (as Clair's auth.psk.key)");
            }
            if (key.length < 32) {
                throw bad("auth.psk.key", "is " + key.length + " bytes; HS256 needs at least 32");
            }
            return new ServerConfig.Auth(key, list("auth.psk.iss"));
        });
        Optional<ServerConfig.Password> adminPassword = string("auth.admin_password").map(p -> {
            // bcrypt's limits and Anchore's minimum, checked here so a bad setting stops the start with its name
            if (p.length() < 6 || p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
                throw bad("auth.admin_password", "must be 6 characters to 72 bytes long");
            }
            return new ServerConfig.Password(p);
        });
        long maxLayer;
        try {
            maxLayer = size(required("indexer.max_layer_bytes"));
        } catch (IllegalArgumentException e) {
            throw bad("indexer.max_layer_bytes", e.getMessage());
        }
        ServerConfig.Indexer indexer = new ServerConfig.Indexer(bool("indexer.allow_private_addresses"),
                durationOf("indexer.fetch_timeout"), integer("indexer.layer_parallelism", 1), maxLayer,
                imageLimits());
        ServerConfig.Updater updater = new ServerConfig.Updater(durationOf("updater.interval"), list("updater.sources"),
                string("updater.from").map(Path::of), map("updater.feed_urls"), string("updater.nvd_api_key"),
                amazonExtras());
        ServerConfig.Notifier notifier = new ServerConfig.Notifier(string("notifier.webhook"),
                string("notifier.callback_base"), durationOf("notifier.delivery_retry"),
                durationOf("notifier.max_retry_delay"), integer("notifier.page_size", 1),
                durationOf("notifier.poll"));
        ServerConfig.Analysis analysis = new ServerConfig.Analysis(integer("analysis.workers", 0),
                durationOf("analysis.lease"), durationOf("analysis.poll"));
        return new ServerConfig(listen, tls, maxBody, durationOf("idle_timeout"), durationOf("shutdown_grace"),
                string("data_dir").map(Path::of).orElse(defaultDataDir), string("database"),
                integer("database_pool_size", 1), roles, auth, indexer, updater, notifier, analysis, catalogLimits(),
                adminPassword, registries(), watcher(), pushWebhooks());
    }

    /** {@code updater.amazon_extras}: AL2 extras topics (a list, or comma-separated); blank or "none": core only. */
    private Optional<List<String>> amazonExtras() {
        if (node("updater.amazon_extras").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.plimsoll.ecosystem.amazon.AmazonUpdateInfoUpdater.parseExtras(
                    String.join(",", list("updater.amazon_extras"))));
        } catch (IllegalArgumentException e) {
            throw bad("updater.amazon_extras", e.getMessage());
        }
    }

    private ServerConfig.PushWebhooks pushWebhooks() {
        Optional<ServerConfig.Password> token = string("webhooks.token").map(String::trim).map(t -> {
            // a sender's token sits in its configuration and, for Docker Hub, in a URL: long enough not to be guessed
            if (t.length() < 16) {
                throw bad("webhooks.token", "must be at least 16 characters (openssl rand -hex 24)");
            }
            return new ServerConfig.Password(t);
        });
        return new ServerConfig.PushWebhooks(token, required("webhooks.account"), bool("webhooks.registry.all_pushes"));
    }

    private ServerConfig.Registries registries() {
        return new ServerConfig.Registries(string("registries.secret_key").map(k -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(k.trim());
            } catch (IllegalArgumentException e) {
                throw bad("registries.secret_key", "must be base64 (openssl rand -base64 32)");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw bad("registries.secret_key", "is " + key.length + " bytes; AES needs 16, 24 or 32"
                        + " (openssl rand -base64 32)");
            }
            return new ServerConfig.SecretKey(key);
        }));
    }

    private ServerConfig.Watcher watcher() {
        Optional<String> url = string("webhooks.url");
        url.ifPresent(u -> {
            String probe = u.replace("<notification_type>", "x").replace("<userId>", "x");
            java.net.URI uri;
            try {
                uri = java.net.URI.create(probe);
            } catch (IllegalArgumentException e) {
                throw bad("webhooks.url", "is not a URL: " + u);
            }
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw bad("webhooks.url", "must be an http(s) URL, got '" + u + "'");
            }
        });
        return new ServerConfig.Watcher(durationOf("watcher.interval"), url,
                string("webhooks.secret").map(ServerConfig.Password::new), durationOf("webhooks.delivery_retry"),
                durationOf("webhooks.max_retry_delay"), durationOf("watcher.rescan"));
    }

    /**
     * The image stage's limits ({@code ImageLimits}): the defaults unless an {@code image.*} key says otherwise, with
     * the CLI's meaning ({@code --max-expanded-size}, {@code --max-file-size}, {@code --max-entries}).
     */
    private io.plimsoll.image.ImageLimits imageLimits() {
        long expanded = limitSize("image.max_expanded_size", Long.MAX_VALUE);
        long file = limitSize("image.max_file_size", Long.MAX_VALUE);
        long entries = string("image.max_entries").isPresent() ? integer("image.max_entries", 1)
                : io.plimsoll.image.ImageLimits.DEFAULT_MAX_ENTRIES;
        return io.plimsoll.image.ImageLimits.DEFAULT.withMaxExpandedBytes(expanded).withMaxEntryBytes(file)
                .withMaxEntries(entries);
    }

    /** The catalogers' limits ({@code CatalogLimits}): the defaults unless a {@code catalog.*} key says otherwise. */
    private io.plimsoll.ecosystem.CatalogLimits catalogLimits() {
        long document = limitSize("catalog.max_document_bytes", Long.MAX_VALUE);
        long string = limitSize("catalog.max_string_length", Integer.MAX_VALUE);
        return io.plimsoll.ecosystem.CatalogLimits.DEFAULT.withMaxDocumentBytes(document)
                .withMaxStringChars((int) string)
                .withMaxPackagesPerFile(integer("catalog.max_packages_per_file", 1));
    }
}
