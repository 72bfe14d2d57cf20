package io.plimsoll.ecosystem.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.Documents;
import io.plimsoll.ecosystem.PackageDbException;
import java.util.ArrayList;
import java.util.List;

/** What Poetry, uv and PDM lockfiles share: a TOML document with an array of {@code [[package]]} tables. */
final class TomlLocks {

    private TomlLocks() {
    }

    /**
     * The {@code [[package]]} tables; empty for a lock of a project without dependencies (it still has its
     * metadata). A TOML document with neither is not a lockfile of this kind.
     */
    static List<JsonNode> packages(String file, JsonNode root, String kind, String... markerKeys) throws PackageDbException {
        JsonNode packages = root.get("package");
        if (packages == null) {
            for (String k : markerKeys) {
                if (root.has(k)) {
                    return List.of();
                }
            }
            throw new PackageDbException(file, "not a " + kind + ": no [[package]] tables");
        }
        if (!packages.isArray()) {
            throw new PackageDbException(file, "not a " + kind + ": 'package' is not an array of tables");
        }
        List<JsonNode> out = new ArrayList<>(packages.size());
        packages.forEach(out::add);
        return out;
    }

    static JsonNode read(String file, byte[] content) throws PackageDbException {
        return Documents.toml(file, content);
    }

    /** The strings of an array field; empty when absent. */
    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode a = node.get(field);
        if (a != null && a.isArray()) {
            a.forEach(v -> {
                if (v.isValueNode()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }
}
