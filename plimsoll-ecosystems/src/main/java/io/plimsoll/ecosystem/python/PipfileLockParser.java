package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
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

    public static ParseResult<LockedDistribution> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = Documents.json(file, content);
        JsonNode runtime = root.get("default");
        JsonNode develop = root.get("develop");
        if ((runtime == null || !runtime.isObject()) && (develop == null || !develop.isObject())) {
            throw new PackageDbException(file, "not a Pipfile.lock: neither a default nor a develop section");
        }
        Map<String, String> indexes = new HashMap<>();
        for (JsonNode source : root.path("_meta").path("sources")) {
            indexes.put(Documents.text(source, "name"), Documents.text(source, "url"));
        }
        ParseWarnings warnings = new ParseWarnings(file);
        Map<String, LockedDistribution> out = new LinkedHashMap<>();
        section(runtime, false, indexes, out, warnings);
        section(develop, true, indexes, out, warnings);
        return new ParseResult<>(new ArrayList<>(out.values()), warnings.toList());
    }

    private static void section(JsonNode section, boolean dev, Map<String, String> indexes,
                                Map<String, LockedDistribution> out, ParseWarnings warnings) {
        if (section == null || !section.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            JsonNode entry = e.getValue();
            if (!entry.isObject()) {
                warnings.add(0, (dev ? "develop" : "default") + "." + e.getKey() + " is not an object");
                continue;
            }
            String version = Documents.text(entry, "version");
            if (version.isEmpty()) {
                continue;
            }
            version = version.startsWith("==") ? version.substring(2).strip() : version.strip();
            String key = PythonNames.normalize(e.getKey()) + "\u0000" + version;
            if (out.containsKey(key)) {
                continue; // in default and develop alike: the application needs it, so not dev
            }
            Map<String, String> meta = new LinkedHashMap<>();
            String index = Documents.text(entry, "index");
            if (!index.isEmpty()) {
                meta.put("index", indexes.getOrDefault(index, index));
            }
            putIf(meta, "markers", Documents.text(entry, "markers"));
            List<String> hashes = new ArrayList<>();
            entry.path("hashes").forEach(h -> hashes.add(h.asText()));
            putIf(meta, "hashes", String.join(",", hashes));
            if (dev) {
                meta.put("dev", "true");
            }
            out.put(key, new LockedDistribution(e.getKey(), version, meta));
        }
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
