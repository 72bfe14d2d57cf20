package io.plimsoll.ecosystem.npm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.ecosystem.StructuredText;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code package-lock.json} and {@code npm-shrinkwrap.json}. Lockfile v1 (npm 5 and 6) nests a
 * {@code dependencies} tree; v2 (npm 7 and 8) keeps that tree for old clients beside a flat {@code packages} map,
 * which v3 (npm 9+) has alone. The map is keyed by install path ({@code node_modules/a/node_modules/b}), with
 * {@code ""} for the project itself and plain folders ({@code packages/x}) for workspace members. The same
 * name and version installed at several paths is listed once, as production if any copy is.
 */
final class PackageLockParser {

    private PackageLockParser() {
    }

    /**
     * Read as a stream: each package's entry is a small tree, the file never is, so a lockfile of any size the
     * cataloger accepts is read in memory that grows with the packages kept (at most the per-file limit).
     */
    static ParseResult<NpmEntry> parse(String file, byte[] content) throws PackageDbException {
        return StructuredText.jsonStream(file, content, p -> read(file, p));
    }

    private static ParseResult<NpmEntry> read(String file, JsonParser p) throws IOException, PackageDbException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new PackageDbException(file, "empty file");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new PackageDbException(file, "not a package-lock.json: the top level is not an object");
        }
        ParseWarnings warnings = new ParseWarnings(file);
        Entries flat = null;
        Entries tree = null;
        ParseWarnings treeWarnings = new ParseWarnings(file);
        boolean versioned = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("packages") && value == JsonToken.START_OBJECT) {
                flat = new Entries(); // v2 has both: the flat map wins, whichever comes first
                readPackages(p, flat, warnings);
            } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT && flat == null) {
                tree = new Entries();
                treeWarnings = new ParseWarnings(file);
                readDependencies(p, tree, treeWarnings);
            } else {
                versioned |= field.equals("lockfileVersion");
                p.skipChildren();
            }
        }
        Entries out = flat != null ? flat : tree;
        if (out == null) {
            if (!versioned) {
                throw new PackageDbException(file, "not a package-lock.json: no lockfileVersion, packages or dependencies");
            }
            return new ParseResult<>(List.of(), warnings.toList());
        }
        ParseWarnings used = flat != null ? warnings : treeWarnings;
        out.reportDropped(used);
        return new ParseResult<>(out.list(), used.toList());
    }

    /** v2 and v3: the flat map of install paths, one entry read at a time. */
    private static void readPackages(JsonParser p, Entries out, ParseWarnings warnings) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = p.currentName();
            p.nextToken();
            readPackage(path, p.readValueAsTree(), out, warnings);
        }
    }

    /** v1: each top-level dependency with the tree nested under it, one at a time. */
    private static void readDependencies(JsonParser p, Entries out, ParseWarnings warnings) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            ObjectNode one = JsonNodeFactory.instance.objectNode();
            one.set(name, p.readValueAsTree());
            readDependencies(one, out, warnings);
        }
    }

    private static void readPackage(String path, JsonNode p, Entries out, ParseWarnings warnings) {
        if (!p.isObject()) {
            warnings.add(0, "packages[\"" + path + "\"] is not an object: skipped");
            return;
        }
        if (p.path("link").asBoolean(false)) {
            return; // a symlink to a workspace folder, listed under that folder's own key
        }
        int nm = path.lastIndexOf("node_modules/");
        boolean project = nm < 0; // "" or a workspace folder
        String name = NpmPeople.text(p, "name");
        if (name.isEmpty() && !project) {
            name = path.substring(nm + "node_modules/".length());
        }
        String version = NpmPeople.text(p, "version");
        if (project && (name.isEmpty() || version.isEmpty())) {
            return; // projects without a name or version are not packages anyone can depend on
        }
        if (!NpmEntry.validName(name) || version.isEmpty()) {
            warnings.add(0, "packages[\"" + path + "\"] has " + (version.isEmpty() ? "no version" : "an invalid name")
                    + ": skipped");
            return;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (project) {
            meta.put(NpmEntry.PROJECT, "true");
        } else {
            meta.put("dev", Boolean.toString(p.path("dev").asBoolean(false)));
        }
        if (p.path("optional").asBoolean(false) || p.path("devOptional").asBoolean(false)) {
            meta.put("optional", "true");
        }
        putText(meta, "resolved", p);
        putText(meta, "integrity", p);
        out.add(new NpmEntry(name, version, NpmLicenses.of(p.get("license"), p.get("licenses")), meta));
    }

    /**
     * v1: the nested tree; every level is walked (an explicit stack, so a deep tree cannot overflow the stack). A
     * package nested under a dev package is installed only with it, so it is dev too even where the file omits it.
     */
    private static void readDependencies(JsonNode dependencies, Entries out, ParseWarnings warnings) {
        Deque<Level> todo = new ArrayDeque<>();
        todo.push(new Level(dependencies, false));
        while (!todo.isEmpty()) {
            Level level = todo.pop();
            for (Map.Entry<String, JsonNode> e : level.dependencies.properties()) {
                JsonNode d = e.getValue();
                if (!d.isObject()) {
                    warnings.add(0, "dependencies[\"" + e.getKey() + "\"] is not an object: skipped");
                    continue;
                }
                boolean dev = level.dev || d.path("dev").asBoolean(false);
                JsonNode nested = d.get("dependencies");
                if (nested != null && nested.isObject()) {
                    todo.push(new Level(nested, dev));
                }
                String name = e.getKey();
                int nm = name.lastIndexOf("node_modules/");
                if (nm >= 0) {
                    name = name.substring(nm + "node_modules/".length()); // a v2-style key where a v1 one belongs
                }
                String version = NpmPeople.text(d, "version");
                if (version.startsWith("npm:")) {
                    // an alias ("my-lodash": {"version": "npm:lodash@4.17.21"}) installs the package it names
                    String target = version.substring(4);
                    int at = target.lastIndexOf('@');
                    if (at > 0) {
                        name = target.substring(0, at);
                        version = target.substring(at + 1);
                    }
                }
                if (!NpmEntry.validName(name) || version.isEmpty()) {
                    warnings.add(0, "dependencies[\"" + e.getKey() + "\"] has "
                            + (version.isEmpty() ? "no version" : "an invalid name") + ": skipped");
                    continue;
                }
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("dev", Boolean.toString(dev));
                if (d.path("optional").asBoolean(false)) {
                    meta.put("optional", "true");
                }
                putText(meta, "resolved", d);
                putText(meta, "integrity", d);
                out.add(new NpmEntry(name, version, List.of(), meta));
            }
        }
    }

    /** One level of a v1 tree, and whether a dev package holds it. */
    private record Level(JsonNode dependencies, boolean dev) {
    }

    private static void putText(Map<String, String> meta, String field, JsonNode node) {
        String v = NpmPeople.text(node, field);
        if (!v.isEmpty()) {
            meta.put(field, v);
        }
    }

    /** Entries by name and version: the first seen wins, but production beats dev. */
    static final class Entries {
        private final Map<String, NpmEntry> byKey = new LinkedHashMap<>();
        private final int max = CatalogLimits.current().maxPackagesPerFile();
        private long dropped;

        void add(NpmEntry e) {
            String key = e.name() + "@" + e.version();
            if (byKey.size() >= max && !byKey.containsKey(key)) {
                dropped++;
                return;
            }
            byKey.merge(key, e, Entries::prodWins);
        }

        /** Says in {@code warnings} how many packages the per-file limit dropped, if any. */
        void reportDropped(ParseWarnings warnings) {
            if (dropped > 0) {
                warnings.add(0, "more than " + max + " packages in one file: " + dropped + " are not listed");
            }
        }

        List<NpmEntry> list() {
            return List.copyOf(byKey.values());
        }

        private static NpmEntry prodWins(NpmEntry first, NpmEntry second) {
            if (!"true".equals(first.metadata().get("dev")) || !"false".equals(second.metadata().get("dev"))) {
                return first;
            }
            Map<String, String> meta = new LinkedHashMap<>(first.metadata());
            meta.put("dev", "false");
            return new NpmEntry(first.name(), first.version(), first.licenses(), meta);
        }
    }
}
