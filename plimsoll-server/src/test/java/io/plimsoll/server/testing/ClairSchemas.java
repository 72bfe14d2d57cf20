package io.plimsoll.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * Clair's JSON schemas (2020-12, {@code $id} under https://clairproject.org/api/http/v1/) from ../shared, by name:
 * {@code index_report}, {@code notification_page}... Methods that need them skip the calling test when ../shared is
 * absent, except {@link #assertValidIfAvailable}, for tests whose subject is behaviour and must run without them.
 */
public final class ClairSchemas {

    private static final String ID = "https://clairproject.org/api/http/v1/";

    private final JsonSchemaFactory factory;

    private ClairSchemas(Path types) {
        String local = types.toUri().toString();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(ID, local.endsWith("/") ? local : local + "/")));
    }

    /** The schemas, or the calling test skipped. */
    public static ClairSchemas load() {
        return new ClairSchemas(clairRoot().resolve("types/v1"));
    }

    /** {@code ../shared/api/clair-v4}, or the calling test skipped. */
    public static Path clairRoot() {
        return SharedCorpus.require("api/clair-v4");
    }

    /** Every violation of {@code json} (text) against the schema {@code name}; empty when valid. */
    public List<String> errors(String name, String json) {
        return schema(name).validate(json, InputFormat.JSON).stream().map(ValidationMessage::toString).toList();
    }

    /** Every violation of {@code body} against the schema {@code name}; empty when valid. */
    public static List<String> errors(String name, JsonNode body) {
        return load().schema(name).validate(body).stream().map(ValidationMessage::toString).toList();
    }

    public static void assertValid(String name, JsonNode body) {
        Assertions.assertThat(errors(name, body)).as(name + " of " + body.toPrettyString()).isEmpty();
    }

    /** Validates when ../shared is present and does nothing otherwise. */
    public static void assertValidIfAvailable(String name, JsonNode body) {
        if (SharedCorpus.root().map(r -> Files.isDirectory(r.resolve("api/clair-v4"))).orElse(false)) {
            assertValid(name, body);
        }
    }

    private JsonSchema schema(String name) {
        return factory.getSchema(SchemaLocation.of(ID + name + ".schema.json"));
    }
}
