package io.plimsoll.server.vulndb;

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

/** Validates JSON against Clair's published schemas in ../shared (the test is skipped when they are absent). */
final class ClairSchemas {

    private static final String PREFIX = "https://clairproject.org/api/http/v1/";

    private ClairSchemas() {
    }

    static void assertValid(String schema, JsonNode json) {
        Path dir = SharedCorpus.require("api/clair-v4/types/v1");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(PREFIX, dir.toUri().toString())));
        JsonSchema s = factory.getSchema(SchemaLocation.of(PREFIX + schema + ".schema.json"));
        Set<ValidationMessage> errors = s.validate(json);
        assertThat(errors).as(schema + " errors for " + json).isEmpty();
    }
}
