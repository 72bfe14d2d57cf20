package io.plimsoll.server.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Path;
import java.util.Set;

/** Validates bodies against Clair's JSON schemas in ../shared (tests skip when it is absent). */
final class ClairSchemas {

    private static final String ID = "https://clairproject.org/api/http/v1/";

    private ClairSchemas() {
    }

    static void assertValid(String schema, JsonNode body) {
        assertThat(errors(schema, body)).as(schema + " of " + body.toPrettyString()).isEmpty();
    }

    static Set<ValidationMessage> errors(String schema, JsonNode body) {
        Path dir = SharedCorpus.require("api/clair-v4/types/v1");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(ID, dir.toUri().toString())));
        JsonSchema s = factory.getSchema(SchemaLocation.of(ID + schema + ".schema.json"));
        return s.validate(body);
    }
}
