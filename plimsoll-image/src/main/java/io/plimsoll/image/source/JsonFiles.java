package io.plimsoll.image.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads the small JSON documents of an image (index, manifests, config) with a size cap and digest check.
 *
 * <p>Trees are built from Jackson's streaming parser here rather than by an {@code ObjectMapper}: the first mapper
 * of a process sets up Jackson's date formats (the JDK's locale data), ~30 ms that every image scan paid on its
 * critical path before reading a layer; the catalogers' own mappers are made later, beside the layers.
 */
final class JsonFiles {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A parsed document with the digest of its exact bytes. */
    record Json(JsonNode node, Digest digest, long size) {
    }

    private JsonFiles() {
    }

    static Json read(ArchiveFiles files, String path, ImageLimits limits, Optional<Digest> expected)
            throws ImageException {
        String subject = files.describe(path);
        long maxBytes = limits.maxMetadataBytes();
        long size = files.size(path).orElseThrow(() -> new ImageException(subject,
                "missing: the image refers to it but the archive does not contain it"));
        if (size > maxBytes) {
            throw new ImageException(subject, "is " + size + " bytes, too big for image metadata (limit " + maxBytes + ")");
        }
        byte[] bytes;
        try (InputStream in = files.open(path)) {
            bytes = in.readNBytes((int) size);
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageException(subject, "cannot read (" + e.getMessage() + ")", e);
        }
        if (bytes.length != size) {
            throw new ImageException(subject, "truncated (" + bytes.length + " of " + size + " bytes)");
        }
        Digest actual = expected.map(d -> new Digest(d.algorithm(), HexFormat.of().formatHex(d.newHasher().digest(bytes))))
                .orElseGet(() -> Digest.sha256Of(bytes));
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new ImageException(subject, "digest mismatch: expected " + expected.get() + " but the content is "
                    + actual + " (corrupt or tampered)");
        }
        return new Json(parse(bytes, subject, limits), actual, size);
    }

    /**
     * Image metadata's bytes as a tree, within the limits' token budget; errors never quote the bytes. For documents
     * that arrive as bytes rather than files (a registry's manifests).
     */
    static JsonNode parse(byte[] bytes, String subject, ImageLimits limits) throws ImageException {
        try (JsonParser parser = new TokenBudget(FACTORY.createParser(bytes), limits.maxMetadataTokens())) {
            JsonNode node = readTree(parser);
            if (node == null) {
                throw new ImageException(subject, "is empty, not JSON");
            }
            return node;
        } catch (ImageException e) {
            throw e; // an empty document: the message says so, rather than "cannot parse (ImageException)"
        } catch (TooManyTokens e) {
            throw new ImageException(subject, "holds more than " + limits.maxMetadataTokens() + " JSON values, too many "
                    + "for image metadata");
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the token it choked on: the file's own bytes, which must never reach an error
            // (a layout file may be a link to a secret, or a secret itself)
            var at = e.getLocation();
            throw new ImageException(subject, "is not valid JSON" + (at == null ? ""
                    : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ImageException(subject, "cannot parse (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The document's tree as an {@code ObjectMapper} would read it (the same node types; a repeated key keeps its last
     * value), or null for an empty document. Iterative, so nesting costs no stack: the parser bounds its depth.
     */
    private static JsonNode readTree(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return null;
        }
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        JsonNode root = null;
        String field = null;
        for (JsonToken t = first; t != null; t = open.isEmpty() ? null : p.nextToken()) {
            JsonNode value;
            switch (t) {
                case FIELD_NAME -> {
                    field = p.currentName();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    continue;
                }
                case START_OBJECT -> value = NODES.objectNode();
                case START_ARRAY -> value = NODES.arrayNode();
                case VALUE_STRING -> value = NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> value = switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> value = NODES.numberNode(p.getDoubleValue());
                case VALUE_TRUE -> value = NODES.booleanNode(true);
                case VALUE_FALSE -> value = NODES.booleanNode(false);
                case VALUE_NULL -> value = NODES.nullNode();
                default -> throw new JsonParseException(p, "unexpected " + t);
            }
            ContainerNode<?> parent = open.peek();
            if (parent == null) {
                root = value;
            } else if (parent instanceof ObjectNode o) {
                o.replace(field, value);
            } else {
                ((ArrayNode) parent).add(value);
            }
            if (value instanceof ContainerNode<?> c) {
                open.push(c);
            }
        }
        return root;
    }

    /**
     * Counts the tokens a tree is built from: a tree's heap grows with its values, not its bytes ({@code [{},{},…]}
     * costs ~30 times its text), so the byte limit alone does not bound it. Jackson's tree reader asks for every token,
     * field names included, through {@code nextToken}.
     */
    private static final class TokenBudget extends JsonParserDelegate {
        private final int max;
        private int tokens;

        TokenBudget(JsonParser parser, int max) {
            super(parser);
            this.max = max;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            if (++tokens > max) {
                throw new TooManyTokens(this);
            }
            return super.nextToken();
        }
    }

    private static final class TooManyTokens extends JsonProcessingException {
        TooManyTokens(JsonParser parser) {
            super("too many tokens", parser.currentLocation());
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? "" : v.asText();
    }

    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        } else if (v != null && v.isTextual()) {
            out.add(v.asText());
        }
        return out;
    }

    static List<String> keys(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isObject()) {
            v.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** A digest field, validated; the error names the document and the field. */
    static Digest digest(JsonNode node, String field, String subject) throws ImageException {
        String text = text(node, field);
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ImageException(subject, "bad '" + field + "': " + e.getMessage());
        }
    }
}
