package io.plimsoll.cli;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * Validates documents against a JSON Schema (SARIF 2.1.0, SPDX 2.3, Plimsoll's own report) with the networknt
 * validator that cyclonedx-core-java brings: one major version of it can be on the class path, and CycloneDX needs
 * that one at run time.
 */
public final class JsonSchemas {

    private final JsonSchema schema;

    private JsonSchemas(JsonSchema schema) {
        this.schema = schema;
    }

    public static JsonSchemas of(String schemaText) {
        return new JsonSchemas(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(schemaText, InputFormat.JSON));
    }

    /** Every violation as "location: message"; empty when the document is valid. */
    public List<String> errors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::toString).toList();
    }
}
