package io.plimsoll.server.notify;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.plimsoll.image.testing.SharedCorpus;
import java.nio.file.Path;
import java.util.List;

/** Clair's JSON schemas from ../shared (skips the calling test when absent), by name: {@code notification_page}. */
final class ClairSchemas {

    private static final String ID_PREFIX = "https://clairproject.org/api/http/v1/";

    private final JsonSchemaFactory factory;

    private ClairSchemas(Path dir) {
        String local = dir.toUri().toString();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, local.endsWith("/") ? local : local + "/")));
    }

    static ClairSchemas load() {
        return new ClairSchemas(SharedCorpus.require("api/clair-v4/types/v1"));
    }

    /** Every violation of {@code json} against the schema {@code name}; empty when valid. */
    List<String> errors(String name, String json) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ID_PREFIX + name + ".schema.json"));
        return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::toString).toList();
    }
}
