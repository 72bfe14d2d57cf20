package io.plimsoll.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.plimsoll.image.testing.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * Anchore Engine's API contract, {@code ../shared/api/anchore-engine/swagger.yaml} (API 0.1.20): a response body
 * validated against one of its {@code definitions} by name ({@code Account}, {@code SystemStatusResponse}...), with
 * the other definitions resolvable by {@code $ref}. Swagger 2.0's schemas are JSON Schema draft 4 with extensions.
 * Null members are dropped before validating: the swagger types every field without null, yet Anchore's own
 * server sends null for an unset one (a native user's {@code source}) and its clients read it as absent. Tests that
 * use this skip when ../shared is absent.
 */
public final class AnchoreSchemas {

    private static AnchoreSchemas loaded;

    private final ObjectNode definitions;

    private AnchoreSchemas(ObjectNode definitions) {
        this.definitions = definitions;
    }

    /** The contract, or the calling test skipped. */
    public static synchronized AnchoreSchemas load() {
        if (loaded == null) {
            Path file = SharedCorpus.require("api/anchore-engine").resolve("swagger.yaml");
            try {
                JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                loaded = new AnchoreSchemas((ObjectNode) doc.get("definitions"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return loaded;
    }

    /** Every violation of {@code body} against the definition {@code name}; empty when valid. */
    public List<String> errors(String name, JsonNode body) {
        JsonNode definition = definitions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("the Anchore swagger has no definition " + name);
        }
        ObjectNode schema = definition.deepCopy();
        schema.set("definitions", definitions);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema)
                .validate(withoutNulls(body)).stream().map(ValidationMessage::toString).toList();
    }

    public void assertValid(String name, JsonNode body) {
        Assertions.assertThat(errors(name, body)).as(name + " of " + body.toPrettyString()).isEmpty();
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = o.objectNode();
            o.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = a.arrayNode();
            a.forEach(e -> out.add(withoutNulls(e)));
            return out;
        }
        return node;
    }
}
