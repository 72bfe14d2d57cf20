package io.plimsoll.server.clair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The nodes Clair's documents are built of, and their bytes (compact, members in insertion order). */
public final class ClairJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClairJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The document as sent and as stored. */
    public static byte[] bytes(JsonNode document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a Clair document", e);
        }
    }

    /** A Clair document the server stored (a report or a summary) read back. */
    public static JsonNode read(String stored) {
        try {
            return MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored Clair document is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String text(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a Clair document", e);
        }
    }
}
