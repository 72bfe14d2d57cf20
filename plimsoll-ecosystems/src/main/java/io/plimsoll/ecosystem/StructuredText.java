package io.plimsoll.ecosystem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the JSON and YAML files of language package managers (package.json, lockfiles, composer's installed.json)
 * into Jackson trees, and turns a syntax error into a {@link PackageDbException} whose reason names the line.
 */
public final class StructuredText {

    /** Lockfiles of large monorepos run to tens of megabytes; the collector's own size cap applies first. */
    private static final int MAX_TEXT = 256 << 20;

    /** Guards the parsers' limits: set when they are made, and again when the limits change after that. */
    private static final Object LIMITS = new Object();
    private static boolean made;

    /**
     * Made on first use, not when the CLI sets the limits: a re-scan whose catalog the layer cache kept parses no
     * document, and making these (SnakeYAML's among them) cost a cold run 14 ms of its main thread before the walk.
     */
    private static final class Parsers {
        static final ObjectMapper JSON = new ObjectMapper();

        static final YAMLFactory YAML;

        /** For files read part by part ({@link #jsonStream}): the parts are trees, the whole never is. */
        static final ObjectMapper STREAM = new ObjectMapper();

        static {
            // SnakeYAML refuses documents over 3 MB by default; real pnpm lockfiles are bigger.
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_TEXT);
            options.setAllowDuplicateKeys(true); // yarn berry lockfiles repeat keys; the last one wins, as in yarn
            // the builder starts without the parser features YAMLFactory's constructor sets; "key:" must read as null
            YAML = YAMLFactory.builder().loaderOptions(options).enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .build();
            // a lockfile's keys are install paths, nearly all distinct: interning them only fills Jackson's symbol
            // table, which refuses a file past ~32,000 similar keys as a hash-collision attack
            JSON.getFactory().disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
            STREAM.getFactory().disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
            synchronized (LIMITS) {
                apply(CatalogLimits.current());
                made = true;
            }
        }

        private static void apply(CatalogLimits limits) {
            StreamReadConstraints c = limits.jacksonConstraints();
            YAML.setStreamReadConstraints(c);
            JSON.getFactory().setStreamReadConstraints(c);
            STREAM.getFactory().setStreamReadConstraints(limits.streamingConstraints());
        }
    }

    private StructuredText() {
    }

    /** Parsers made from here on read within {@code limits} (called after {@link CatalogLimits#current} changed). */
    static void limitsChanged(CatalogLimits limits) {
        synchronized (LIMITS) {
            if (made) {
                Parsers.apply(limits);
            }
        }
    }

    /** Reads one JSON value from a parser positioned before it; see {@link #jsonStream}. */
    @FunctionalInterface
    public interface JsonStreamReader<T> {
        T read(JsonParser parser) throws IOException, PackageDbException;
    }

    /**
     * One JSON value read as a stream by {@code reader}, which may read parts of it as small trees
     * ({@code parser.readValueAsTree()}) but never the whole: a lockfile far larger than a tree could be is read in
     * memory that grows with the packages kept, not the file. Errors read as {@link #json}'s do.
     */
    public static <T> T jsonStream(String file, byte[] content, JsonStreamReader<T> reader)
            throws PackageDbException {
        try (JsonParser p = Parsers.STREAM.createParser(content)) {
            T result = reader.read(p);
            if (p.nextToken() != null) {
                throw new PackageDbException(file, at(p.currentLocation()) + "unexpected content after the JSON value");
            }
            return result;
        } catch (JsonProcessingException e) {
            throw new PackageDbException(file, at(e.getLocation()) + "not valid JSON: " + e.getOriginalMessage());
        } catch (PackageDbException e) {
            throw e; // the reader's own verdict on the document, already naming the file
        } catch (IOException e) {
            throw new PackageDbException(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * One JSON value. Jackson reads in one pass (linear time); duplicate keys keep the last value as npm does.
     *
     * @throws PackageDbException when the content is not JSON, with the line and column of the first error
     */
    public static JsonNode json(String file, byte[] content) throws PackageDbException {
        try (JsonParser p = Parsers.JSON.getFactory().createParser(content)) {
            JsonNode node = Parsers.JSON.readTree(p);
            if (node == null || node.isMissingNode()) {
                throw new PackageDbException(file, "empty file");
            }
            if (p.nextToken() != null) {
                // trailing garbage after a complete value means a damaged or concatenated file
                throw new PackageDbException(file, at(p.currentLocation()) + "unexpected content after the JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PackageDbException(file, at(e.getLocation()) + "not valid JSON: " + e.getOriginalMessage());
        } catch (PackageDbException e) {
            throw e; // "empty file", already naming the file (not "cannot read: FILE: empty file")
        } catch (IOException e) {
            throw new PackageDbException(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Every non-empty document of a YAML stream, with every scalar kept as the text written ({@code 1.10} stays
     * {@code "1.10"}, not the number 1.1) and {@code ~}, {@code null} and empty values as null nodes.
     *
     * @throws PackageDbException when the stream is not YAML; documents before the error are lost with it, since a
     *                            lockfile half read is better reported than half used
     */
    public static List<JsonNode> yaml(String file, byte[] content) throws PackageDbException {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser p = Parsers.YAML.createParser(content)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonNode doc = yamlValue(p, t);
                if (!doc.isNull()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (JsonProcessingException e) {
            throw new PackageDbException(file, at(e.getLocation()) + "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PackageDbException(file, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // SnakeYAML reports some limits (code points, nesting) as unchecked exceptions
            throw new PackageDbException(file, "not valid YAML: " + e.getMessage());
        }
    }

    private static JsonNode yamlValue(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    o.set(key, yamlValue(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    a.add(yamlValue(p, next));
                }
                return a;
            }
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                // numbers and booleans as written: versions such as 1.10 or 2 must not become numbers
                return TextNode.valueOf(p.getText());
        }
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() <= 0) {
            return "";
        }
        return "line " + loc.getLineNr() + (loc.getColumnNr() > 0 ? ", column " + loc.getColumnNr() : "") + ": ";
    }
}
