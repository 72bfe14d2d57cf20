package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * uv's {@code uv.lock}, and the {@code SCRIPT.py.lock} files {@code uv lock --script} writes in the same format.
 * Every package is listed, the project itself and workspace members too (their source is {@code editable} or
 * {@code virtual}; they keep that in {@code source} so later stages can tell them from registry packages).
 */
public final class UvLockParser {

    /** The newest lockfile version this reader knows; newer ones are read the same way, with a warning. */
    static final int KNOWN_VERSION = 1;

    private UvLockParser() {
    }

    public static ParseResult<LockedDistribution> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = TomlLocks.read(file, content);
        ParseWarnings warnings = new ParseWarnings(file);
        int version = root.path("version").asInt(0);
        if (!root.has("version")) {
            throw new PackageDbException(file, "not a uv lockfile: no version");
        }
        if (version > KNOWN_VERSION) {
            warnings.add(0, "lockfile version " + version + " is newer than " + KNOWN_VERSION + "; read as version "
                    + KNOWN_VERSION);
        }
        List<LockedDistribution> out = new ArrayList<>();
        int i = 0;
        for (JsonNode p : TomlLocks.packages(file, root, "uv lockfile", "version")) {
            i++;
            String name = Documents.text(p, "name");
            if (name.isEmpty()) {
                warnings.add(0, "package " + i + " has no name");
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            JsonNode source = p.get("source");
            if (source != null && source.isObject()) {
                // one key saying where it comes from: registry, git, url, path, directory, editable or virtual
                Iterator<Map.Entry<String, JsonNode>> it = source.properties().iterator();
                if (it.hasNext()) {
                    Map.Entry<String, JsonNode> s = it.next();
                    meta.put("source", s.getKey());
                    if (s.getKey().equals("registry")) {
                        meta.put("index", s.getValue().asText());
                    } else {
                        meta.put("sourceLocation", s.getValue().asText());
                    }
                }
            }
            String hash = Documents.text(p.path("sdist"), "hash");
            if (!hash.isEmpty()) {
                meta.put("sdistHash", hash);
            }
            out.add(new LockedDistribution(name, Documents.text(p, "version"), meta));
        }
        return new ParseResult<>(out, warnings.toList());
    }
}
