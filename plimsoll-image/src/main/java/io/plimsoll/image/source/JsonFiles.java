package io.plimsoll.image.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads the small JSON documents of an image (index, manifests, config) with a size cap and digest check. */
final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        try (JsonParser parser = new TokenBudget(MAPPER.createParser(bytes), limits.maxMetadataTokens())) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new ImageException(subject, "is empty, not JSON");
            }
            return node;
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
