package io.plimsoll.ecosystem.php;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.ecosystem.StructuredText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Composer's two records: {@code composer.lock} (what a project locked: {@code packages}, and
 * {@code packages-dev} for development) and {@code vendor/composer/installed.json} (what is installed: a bare list
 * before Composer 2, then {@code {"packages": […], "dev-package-names": […]}}).
 */
final class ComposerParser {

    private ComposerParser() {
    }

    /**
     * Read as a stream: each package is a small tree, the file never is, so a lock of any size the cataloger
     * accepts is read in memory that grows with the packages kept (at most the per-file limit).
     */
    static ParseResult<ComposerPackage> lock(String file, byte[] content) throws PackageDbException {
        return StructuredText.jsonStream(file, content, p -> lock(file, p));
    }

    private static ParseResult<ComposerPackage> lock(String file, JsonParser p) throws IOException, PackageDbException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new PackageDbException(file, "not a composer.lock: no packages");
        }
        ParseWarnings warnings = new ParseWarnings(file);
        List<ComposerPackage> prod = new ArrayList<>();
        List<ComposerPackage> dev = new ArrayList<>();
        int max = CatalogLimits.current().maxPackagesPerFile();
        boolean listed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            boolean isDev = field.equals("packages-dev");
            if (!isDev && !field.equals("packages")) {
                p.skipChildren();
                continue;
            }
            listed = true;
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                warnings.add(0, field + " is not a list: skipped");
                p.skipChildren();
                continue;
            }
            List<ComposerPackage> out = isDev ? dev : prod;
            int i = 0;
            int dropped = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (prod.size() + dev.size() >= max) {
                    p.skipChildren();
                    dropped++;
                    continue;
                }
                readOne(p.readValueAsTree(), field + "[" + i++ + "]", name -> isDev, out, warnings);
            }
            if (dropped > 0) {
                warnings.add(0, "more than " + max + " packages in one file: " + dropped + " in " + field
                        + " are not listed");
            }
        }
        if (!listed) {
            throw new PackageDbException(file, "not a composer.lock: no packages");
        }
        prod.addAll(dev); // the lock's own order: production, then development
        return new ParseResult<>(prod, warnings.toList());
    }

    /**
     * Read as a stream, as {@link #lock} is: Composer 1's bare list, or Composer 2's object whose
     * {@code dev-package-names} (written after the packages) say afterwards which packages were for development.
     */
    static ParseResult<ComposerPackage> installed(String file, byte[] content) throws PackageDbException {
        return StructuredText.jsonStream(file, content, p -> installed(file, p));
    }

    private static ParseResult<ComposerPackage> installed(String file, JsonParser p)
            throws IOException, PackageDbException {
        ParseWarnings warnings = new ParseWarnings(file);
        List<ComposerPackage> out = new ArrayList<>();
        JsonToken root = p.nextToken();
        if (root == JsonToken.START_ARRAY) {
            readList(p, "", null, out, warnings); // Composer 1 does not say which packages are for development
            return new ParseResult<>(out, warnings.toList());
        }
        if (root != JsonToken.START_OBJECT) {
            throw new PackageDbException(file, "not an installed.json: neither a list nor an object with packages");
        }
        Set<String> dev = new HashSet<>();
        boolean listed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("packages")) {
                listed = true;
                if (value == JsonToken.START_ARRAY) {
                    readList(p, field, name -> false, out, warnings);
                } else if (value != JsonToken.VALUE_NULL) {
                    warnings.add(0, field + " is not a list: skipped");
                    p.skipChildren();
                }
            } else if (field.equals("dev-package-names") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken().isScalarValue() && dev.size() < CatalogLimits.current().maxPackagesPerFile()) {
                        dev.add(p.getValueAsString(""));
                    }
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        if (!listed) {
            throw new PackageDbException(file, "not an installed.json: neither a list nor an object with packages");
        }
        List<ComposerPackage> marked = new ArrayList<>(out.size());
        for (ComposerPackage c : out) {
            Map<String, String> meta = new LinkedHashMap<>(c.metadata());
            meta.put("dev", Boolean.toString(dev.contains(c.name())));
            marked.add(new ComposerPackage(c.name(), c.version(), c.licenses(), meta));
        }
        return new ParseResult<>(marked, warnings.toList());
    }

    /** Development or not, by name; null when the file does not say. */
    private interface Dev {
        boolean test(String name);
    }

    /** The packages of a list the parser has just entered, one small tree each, at most the per-file limit. */
    private static void readList(JsonParser p, String field, Dev dev, List<ComposerPackage> out,
                                 ParseWarnings warnings) throws IOException {
        int max = CatalogLimits.current().maxPackagesPerFile();
        int i = 0;
        int dropped = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (out.size() >= max) {
                p.skipChildren();
                dropped++;
                continue;
            }
            readOne(p.readValueAsTree(), field + "[" + i++ + "]", dev, out, warnings);
        }
        if (dropped > 0) {
            warnings.add(0, "more than " + max + " packages in one file: " + dropped + " in "
                    + (field.isEmpty() ? "the list" : field) + " are not listed");
        }
    }

    private static void readOne(JsonNode p, String at, Dev dev, List<ComposerPackage> out, ParseWarnings warnings) {
        String name = text(p, "name");
        String version = text(p, "version");
        if (name.isEmpty() || version.isEmpty()) {
            warnings.add(0, at + " has no " + (name.isEmpty() ? "name" : "version") + ": skipped");
            return;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (dev != null) {
            meta.put("dev", Boolean.toString(dev.test(name)));
        }
        put(meta, "type", text(p, "type"));
        String reference = text(p.path("source"), "reference");
        put(meta, "reference", reference.isEmpty() ? text(p.path("dist"), "reference") : reference);
        put(meta, "homepage", text(p, "homepage"));
        out.add(new ComposerPackage(name, version, licenses(p.get("license")), meta));
    }

    /** {@code "license": ["MIT"]} as Composer writes it, or a bare string as some hand-written files do. */
    private static List<String> licenses(JsonNode license) {
        List<String> out = new ArrayList<>();
        if (license == null) {
            return out;
        }
        for (JsonNode l : license.isArray() ? license : List.of(license)) {
            if (l.isTextual() && !l.asText().isBlank() && !out.contains(l.asText().trim())) {
                out.add(l.asText().trim());
            }
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isValueNode() && !n.isNull() ? n.asText().trim() : "";
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
