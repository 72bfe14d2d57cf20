package io.plimsoll.ecosystem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;

/**
 * Reads the JSON and TOML documents that language lockfiles and manifests are, as trees. A file that is not a
 * document of its format is a {@link PackageDbException} naming the file and, where the parser knows it, the line.
 */
public final class Documents {

    /** Guards the mappers' limits: set when they are made, and again when the limits change after that. */
    private static final Object LIMITS = new Object();
    private static boolean made;

    /**
     * Made on first use, not when the CLI sets the limits: a re-scan whose catalog the layer cache kept parses no
     * document, and making both mappers costs it some 10 ms. Both are thread-safe once configured; trees keep the
     * numbers and strings exactly as written.
     */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper();
        static final TomlMapper TOML = new TomlMapper();

        static {
            synchronized (LIMITS) {
                apply(CatalogLimits.current());
                made = true;
            }
        }

        private static void apply(CatalogLimits limits) {
            JSON.getFactory().setStreamReadConstraints(limits.jacksonConstraints());
            TOML.getFactory().setStreamReadConstraints(limits.jacksonConstraints());
        }
    }

    /** Parsers made from here on read within {@code limits} (called after {@link CatalogLimits#current} changed). */
    static void limitsChanged(CatalogLimits limits) {
        synchronized (LIMITS) {
            if (made) {
                Mappers.apply(limits);
            }
        }
    }

    private Documents() {
    }

    /** The JSON document in {@code content}; a byte-order mark is allowed (Windows tools write one). */
    public static JsonNode json(String file, byte[] content) throws PackageDbException {
        int skip = hasBom(content) ? 3 : 0;
        JsonNode tree;
        try {
            tree = Mappers.JSON.readTree(content, skip, content.length - skip);
        } catch (JsonProcessingException e) {
            throw unreadable(file, "JSON", e);
        } catch (IOException e) {
            throw new PackageDbException(file, "unreadable JSON: " + e.getMessage());
        }
        return nonEmpty(file, tree, "JSON");
    }

    /** The TOML document in {@code content}. */
    public static JsonNode toml(String file, byte[] content) throws PackageDbException {
        int skip = hasBom(content) ? 3 : 0;
        JsonNode tree;
        try {
            tree = Mappers.TOML.readTree(new java.io.ByteArrayInputStream(content, skip, content.length - skip));
        } catch (JsonProcessingException e) {
            throw unreadable(file, "TOML", e);
        } catch (IOException e) {
            throw new PackageDbException(file, "unreadable TOML: " + e.getMessage());
        } catch (RuntimeException e) {
            // The TOML lexer reports some malformed input as unchecked exceptions; it is still just a bad file.
            throw new PackageDbException(file, "not TOML: " + e.getMessage());
        }
        return nonEmpty(file, tree, "TOML");
    }

    private static JsonNode nonEmpty(String file, JsonNode node, String format) throws PackageDbException {
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new PackageDbException(file, "not a " + format + " object");
        }
        return node;
    }

    private static PackageDbException unreadable(String file, String format, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ": " : "";
        return new PackageDbException(file, where + "not " + format + " (" + e.getOriginalMessage() + ")");
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
    }

    /** The text of a field, or "" when it is absent or not a scalar. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : "";
    }
}
