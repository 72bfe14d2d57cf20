package io.plimsoll.ecosystem.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.StructuredText;
import io.plimsoll.image.walk.Learnt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the npm cataloger reads from a package.json: the package it describes and the dependencies it asks for
 * (which tell a yarn.lock's development packages from its production ones).
 *
 * @param name         empty when the file names none (stubs such as {@code {"type": "module"}} do not)
 * @param dependencies production dependencies: {@code dependencies}, {@code optionalDependencies} and
 *                     {@code peerDependencies}, name to range
 */
record PackageJson(String name, String version, List<String> licenses, Map<String, String> metadata,
                   Map<String, String> dependencies, Map<String, String> devDependencies) {

    static PackageJson parse(String file, byte[] content) throws PackageDbException {
        JsonNode root = StructuredText.json(file, content);
        if (!root.isObject()) {
            throw new PackageDbException(file, "not a package.json: the top level is not an object");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        put(meta, "author", NpmPeople.of(root));
        put(meta, "homepage", NpmPeople.text(root, "homepage"));
        JsonNode repo = root.get("repository");
        put(meta, "repository", repo == null ? "" : repo.isObject() ? NpmPeople.text(repo, "url") : NpmPeople.text(root, "repository"));
        put(meta, "description", NpmPeople.text(root, "description"));
        if (root.path("private").asBoolean(false)) {
            meta.put("private", "true");
        }
        Map<String, String> prod = new LinkedHashMap<>();
        ranges(root.get("peerDependencies"), prod);
        ranges(root.get("optionalDependencies"), prod);
        ranges(root.get("dependencies"), prod);
        Map<String, String> dev = new LinkedHashMap<>();
        ranges(root.get("devDependencies"), dev);
        return new PackageJson(NpmPeople.text(root, "name"), NpmPeople.text(root, "version"),
                NpmLicenses.of(root.get("license"), root.get("licenses")), meta, prod, dev);
    }

    /**
     * A package.json as the cataloger keeps it ({@link NpmCataloger#condense}): this record's fields, or the reason it
     * could not be read, so that reading the kept form says what reading the file said.
     */
    static byte[] condense(String file, byte[] content) {
        Learnt.Writer w = new Learnt.Writer();
        try {
            PackageJson p = parse(file, content);
            w.integer(1).string(p.name).string(p.version).strings(p.licenses).map(p.metadata).map(p.dependencies)
                    .map(p.devDependencies);
        } catch (PackageDbException e) {
            w.integer(0).string(e.reason());
        }
        return w.toBytes();
    }

    /** Reads what {@link #condense} kept, failing as parsing the file failed. */
    static PackageJson condensed(String file, byte[] kept) throws PackageDbException {
        String unreadable;
        try {
            Learnt.Reader r = new Learnt.Reader(kept);
            if (r.integer() == 1) {
                PackageJson p = new PackageJson(r.string(), r.string(), r.strings(), r.map(), r.map(), r.map());
                r.end();
                return p;
            }
            unreadable = r.string();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(file + ": a package.json as condense() kept it", e);
        }
        throw new PackageDbException(file, unreadable);
    }

    /** The package, when the file names one with a version; {@code project} marks an application's own manifest. */
    Optional<NpmEntry> entry(boolean project) {
        if (!NpmEntry.validName(name) || version.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        if (project) {
            meta.put(NpmEntry.PROJECT, "true");
        }
        return Optional.of(new NpmEntry(name, version, licenses, meta));
    }

    private static void ranges(JsonNode node, Map<String, String> out) {
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : ""));
        }
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }
}
