package io.plimsoll.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Path;
import java.util.List;

/** Clair's JSON schemas from ../shared by name (e.g. {@code notification_page}); the calling test skips when absent. */
final class ClairSchemas {

    private static final String ID = "https://clairproject.org/api/http/v1/";

    private ClairSchemas() {
    }

    static Path clairRoot() {
        return SharedCorpus.require("api/clair-v4");
    }

    /** Every violation of {@code body} against the schema {@code name}; empty when valid. */
    static List<String> errors(String name, JsonNode body) {
        String local = clairRoot().resolve("types/v1").toUri().toString();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(ID, local.endsWith("/") ? local : local + "/")));
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ID + name + ".schema.json"));
        return schema.validate(body).stream().map(ValidationMessage::toString).toList();
    }

    /**
     * Validates when ../shared is present and does nothing otherwise: for tests whose main subject is behaviour,
     * which must still run without the schemas.
     */
    static void assertValidIfAvailable(String name, JsonNode body) {
        if (SharedCorpus.root().map(r -> java.nio.file.Files.isDirectory(r.resolve("api/clair-v4"))).orElse(false)) {
            assertValid(name, body);
        }
    }

    static void assertValid(String name, JsonNode body) {
        org.assertj.core.api.Assertions.assertThat(errors(name, body)).as(name + " of " + body.toPrettyString())
                .isEmpty();
    }
}
