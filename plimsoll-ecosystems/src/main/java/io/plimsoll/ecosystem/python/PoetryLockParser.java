package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Poetry's {@code poetry.lock}. A package is {@code dev} when Poetry 1 put it in the {@code dev} category, or when
 * Poetry 2 lists its groups and {@code main} is not among them.
 */
public final class PoetryLockParser {

    private PoetryLockParser() {
    }

    public static ParseResult<LockedDistribution> parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = TomlLocks.read(file, content);
        ParseWarnings warnings = new ParseWarnings(file);
        List<LockedDistribution> out = new ArrayList<>();
        int i = 0;
        for (JsonNode p : TomlLocks.packages(file, root, "poetry.lock", "metadata")) {
            i++;
            String name = Documents.text(p, "name");
            String version = Documents.text(p, "version");
            if (name.isEmpty() || version.isEmpty()) {
                warnings.add(0, "package " + i + " has no name or version");
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            JsonNode source = p.path("source");
            putIf(meta, "index", Documents.text(source, "url"));
            putIf(meta, "sourceType", Documents.text(source, "type"));
            putIf(meta, "sourceReference", Documents.text(source, "reference"));
            List<String> groups = TomlLocks.strings(p, "groups");
            putIf(meta, "groups", String.join(",", groups));
            if (Documents.text(p, "category").equals("dev") || (!groups.isEmpty() && !groups.contains("main"))) {
                meta.put("dev", "true");
            }
            if (p.path("optional").asBoolean(false)) {
                meta.put("optional", "true");
            }
            out.add(new LockedDistribution(name, version, meta));
        }
        return new ParseResult<>(out, warnings.toList());
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
