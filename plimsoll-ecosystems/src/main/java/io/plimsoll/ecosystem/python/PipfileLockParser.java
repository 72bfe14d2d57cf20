package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.ecosystem.StructuredText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipenv's {@code Pipfile.lock} (JSON): {@code default} holds what the application runs with, {@code develop} what
 * only development needs (marked {@code dev}). Entries without a {@code version} (git checkouts, local paths,
 * editables) pin no version and are passed over.
 */
public final class PipfileLockParser {

    private PipfileLockParser() {
    }

    /**
     * Read as a stream: each entry is a small tree, the file never is, so memory grows with the packages kept (at
     * most the per-file limit), not the file. The sections may come in any order; {@code default} wins over
     * {@code develop}, and index names are resolved against {@code _meta.sources} at the end.
     */
    public static ParseResult<LockedDistribution> parse(String file, byte[] content) throws PackageDbException {
        return StructuredText.jsonStream(file, content, p -> parse(file, p));
    }

    private static ParseResult<LockedDistribution> parse(String file, JsonParser p)
            throws IOException, PackageDbException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new PackageDbException(file, "not a Pipfile.lock: neither a default nor a develop section");
        }
        Map<String, String> indexes = new HashMap<>();
        Map<String, LockedDistribution> runtime = new LinkedHashMap<>();
        Map<String, LockedDistribution> develop = new LinkedHashMap<>();
        ParseWarnings warnings = new ParseWarnings(file);
        int[] dropped = {0};
        boolean sections = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            boolean dev = field.equals("develop");
            if (value == JsonToken.START_OBJECT && (dev || field.equals("default"))) {
                sections = true;
                section(p, dev, dev ? develop : runtime, runtime.size() + develop.size(), dropped, warnings);
            } else if (value == JsonToken.START_OBJECT && field.equals("_meta")) {
                sources(p, indexes);
            } else {
                p.skipChildren();
            }
        }
        if (!sections) {
            throw new PackageDbException(file, "not a Pipfile.lock: neither a default nor a develop section");
        }
        if (dropped[0] > 0) {
            int max = CatalogLimits.current().maxPackagesPerFile();
            warnings.add(0, "more than " + max + " packages in one file: " + dropped[0] + " are not listed");
        }
        List<LockedDistribution> out = new ArrayList<>();
        runtime.values().forEach(d -> out.add(withIndexUrl(d, indexes)));
        // in default and develop alike: the application needs it, so not dev
        develop.forEach((key, d) -> {
            if (!runtime.containsKey(key)) {
                out.add(withIndexUrl(d, indexes));
            }
        });
        return new ParseResult<>(out, warnings.toList());
    }

    /** {@code _meta.sources}: index name → URL; everything else in {@code _meta} is skipped unread. */
    private static void sources(JsonParser p, Map<String, String> indexes) throws IOException {
        int max = CatalogLimits.current().maxPackagesPerFile();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.nextToken() != JsonToken.START_ARRAY || !p.currentName().equals("sources")) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT || indexes.size() >= max) {
                    p.skipChildren();
                    continue;
                }
                JsonNode source = p.readValueAsTree();
                indexes.put(Documents.text(source, "name"), Documents.text(source, "url"));
            }
        }
    }

    private static void section(JsonParser p, boolean dev, Map<String, LockedDistribution> out, int kept,
                                int[] dropped, ParseWarnings warnings) throws IOException {
        int max = CatalogLimits.current().maxPackagesPerFile();
        int before = out.size();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.START_OBJECT) {
                warnings.add(0, (dev ? "develop" : "default") + "." + name + " is not an object");
                p.skipChildren();
                continue;
            }
            if (kept + out.size() - before >= max) {
                p.skipChildren();
                dropped[0]++;
                continue;
            }
            JsonNode entry = p.readValueAsTree();
            String version = Documents.text(entry, "version");
            if (version.isEmpty()) {
                continue;
            }
            version = version.startsWith("==") ? version.substring(2).strip() : version.strip();
            String key = PythonNames.normalize(name) + "\u0000" + version;
            if (out.containsKey(key)) {
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            putIf(meta, "index", Documents.text(entry, "index"));
            putIf(meta, "markers", Documents.text(entry, "markers"));
            List<String> hashes = new ArrayList<>();
            entry.path("hashes").forEach(h -> hashes.add(h.asText()));
            putIf(meta, "hashes", String.join(",", hashes));
            if (dev) {
                meta.put("dev", "true");
            }
            out.put(key, new LockedDistribution(name, version, meta));
        }
    }

    /** The entry's index as the URL {@code _meta.sources} gives that name, or the name when it gives none. */
    private static LockedDistribution withIndexUrl(LockedDistribution d, Map<String, String> indexes) {
        String index = d.metadata().get("index");
        if (index == null || !indexes.containsKey(index)) {
            return d;
        }
        Map<String, String> meta = new LinkedHashMap<>(d.metadata());
        meta.put("index", indexes.get(index));
        return new LockedDistribution(d.declaredName(), d.version(), meta);
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
