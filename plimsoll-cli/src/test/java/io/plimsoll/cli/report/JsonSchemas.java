package io.plimsoll.cli.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/** Validates documents against a JSON Schema with networknt's validator; the schema's own $schema picks its draft. */
public final class JsonSchemas {

    private final Schema schema;

    private JsonSchemas(Schema schema) {
        this.schema = schema;
    }

    public static JsonSchemas of(String schemaText) {
        return new JsonSchemas(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(schemaText, InputFormat.JSON));
    }

    /** Every violation as "location: message"; empty when the document is valid. */
    public List<String> errors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
