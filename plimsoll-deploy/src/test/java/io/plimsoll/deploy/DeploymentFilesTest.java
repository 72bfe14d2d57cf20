package io.plimsoll.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose.yaml against the Compose Specification's schema, and the Helm chart's manifests against Kubernetes'
 * schemas (strict: a misspelt field fails); the committed deploy/kubernetes/plimsoll.yaml must be what the chart
 * renders with its default values. After changing the chart: {@code mvn -B -pl plimsoll-deploy test
 * -Dplimsoll.deploy.render=true} rewrites it.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of(System.getProperty("plimsoll.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("deploy/helm/plimsoll");
    static final Path RENDERED = ROOT.resolve("deploy/kubernetes/plimsoll.yaml");
    static final ObjectMapper YAML = new YAMLMapper();
    static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    @TempDir
    Path tmp;

    @Test
    void composeFileFollowsTheComposeSpecification() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("compose.yaml").toFile());
        assertThat(composeSchema().validate(compose)).isEmpty();
        JsonNode services = compose.path("services");
        assertThat(services.path("postgres").path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(services.path("postgres").path("volumes").toString()).contains("/var/lib/postgresql/data");
        assertThat(services.path("plimsoll-api").path("environment").path("PLIMSOLL_SERVER_ROLES").asText())
                .isEqualTo("api,indexer,matcher,notifier");
        assertThat(services.path("plimsoll-worker").path("environment").path("PLIMSOLL_SERVER_ROLES").asText())
                .contains("updater");
        assertThat(services.path("plimsoll-api").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        JsonNode registry = YAML.readTree(ROOT.resolve("deploy/compose/registry.yml").toFile());
        assertThat(registry.path("notifications").path("endpoints").get(0).path("url").asText())
                .isEqualTo("http://plimsoll-api:6060/webhooks/registry");
        for (String example : List.of("postgres.env.example", "plimsoll.env.example")) {
            assertThat(ROOT.resolve("deploy/compose/" + example)).isRegularFile();
        }
    }

    @Test
    void theComposeSchemaRejectsAMisspeltKey() throws IOException {
        ObjectNode compose = (ObjectNode) YAML.readTree(ROOT.resolve("compose.yaml").toFile());
        ((ObjectNode) compose.path("services").path("postgres")).set("helthcheck", compose.path("services")
                .path("postgres").path("healthcheck"));
        assertThat(composeSchema().validate(compose)).anySatisfy(m -> assertThat(m.getMessage()).contains("helthcheck"));
    }

    @Test
    void committedManifestsAreWhatTheChartRenders() throws IOException {
        String rendered = header() + ChartRenderer.render(CHART, "plimsoll", Map.of());
        if (Boolean.getBoolean("plimsoll.deploy.render")) {
            Files.writeString(RENDERED, rendered);
        }
        assertThat(RENDERED).as("deploy/kubernetes/plimsoll.yaml is stale: rerun with -Dplimsoll.deploy.render=true")
                .hasContent(rendered);
    }

    @Test
    void everyRenderedManifestFollowsKubernetesSchemas() throws IOException {
        List<JsonNode> defaults = documents(ChartRenderer.render(CHART, "plimsoll", Map.of()));
        assertThat(defaults).extracting(d -> d.path("kind").asText())
                .containsExactly("ConfigMap", "Deployment", "NetworkPolicy", "Service");
        for (JsonNode manifest : defaults) {
            assertThat(KubernetesSchemas.validate(manifest)).as(manifest.path("kind").asText()).isEmpty();
        }
        // The other shape: embedded PostgreSQL, one replica, no NetworkPolicy, no admin password
        List<JsonNode> embedded = documents(ChartRenderer.render(CHART, "scanner", Map.of("replicas", 1,
                "database", Map.of("existingSecret", ""), "auth", Map.of("existingSecret", ""),
                "networkPolicy", Map.of("enabled", false))));
        assertThat(embedded).extracting(d -> d.path("kind").asText()).containsExactly("ConfigMap", "Deployment", "Service");
        for (JsonNode manifest : embedded) {
            assertThat(KubernetesSchemas.validate(manifest)).as(manifest.path("kind").asText()).isEmpty();
        }
        assertThat(embedded.get(1).toString()).doesNotContain("PLIMSOLL_DATABASE_URL").contains("\"replicas\":1");
    }

    @Test
    void theDeploymentIsProbedLimitedAndNotRoot() throws IOException {
        JsonNode deployment = documents(ChartRenderer.render(CHART, "plimsoll", Map.of())).get(1);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("2Gi");
        assertThat(container.path("image").asText()).isEqualTo("plimsoll:0.1.0-SNAPSHOT");
        assertThat(deployment.path("spec").path("template").path("spec").path("securityContext").path("runAsUser")
                .asInt()).isEqualTo(10001);
        assertThat(container.path("env").toString()).contains("PLIMSOLL_DATABASE_URL", "plimsoll-database");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void theStrictKubernetesSchemaRejectsAMisspeltField() throws IOException {
        ObjectNode deployment = (ObjectNode) documents(ChartRenderer.render(CHART, "plimsoll", Map.of())).get(1);
        ((ObjectNode) deployment.path("spec")).put("replica", 2);
        assertThat(KubernetesSchemas.validate(deployment)).anySatisfy(m -> assertThat(m.getMessage()).contains("replica"));
    }

    @Test
    void theRendererRefusesTemplateLanguageItDoesNotKnow() throws IOException {
        Path chart = tmp.resolve("chart");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "name: x\nversion: 1.0.0\nappVersion: \"1\"\n");
        Files.writeString(chart.resolve("values.yaml"), "items: [a, b]\nname: n\n");
        Files.writeString(chart.resolve("templates/a.yaml"), "kind: ConfigMap\n{{- range .Values.items }}\n{{- end }}\n");
        assertThatThrownBy(() -> ChartRenderer.render(chart, "r", Map.of()))
                .hasMessageContaining("templates/a.yaml").hasMessageContaining("range .Values.items");
        Files.writeString(chart.resolve("templates/a.yaml"), "name: {{ .Values.name | upper }}\n");
        assertThatThrownBy(() -> ChartRenderer.render(chart, "r", Map.of())).hasMessageContaining("'upper'");
        Files.writeString(chart.resolve("templates/a.yaml"), "a:\n  {{- if .Values.name }}\n  b: {{ .Values.name | quote }}\n  {{- end }}\n");
        assertThat(ChartRenderer.render(chart, "r", Map.of())).endsWith("a:\n  b: \"n\"\n");
    }

    private static String header() {
        return "# Rendered from deploy/helm/plimsoll with its default values (release 'plimsoll'); do not edit.\n"
                + "# Change the chart, then: mvn -B -pl plimsoll-deploy test -Dplimsoll.deploy.render=true\n";
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            it.forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isEmpty()) {
                    documents.add(d);
                }
            });
        }
        return documents;
    }

    private static JsonSchema composeSchema() throws IOException {
        try (InputStream in = DeploymentFilesTest.class.getResourceAsStream("/schemas/compose-spec.json")) {
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
            schema.remove("$id"); // a bare file name, which the validator refuses as a base URI; nothing refers to it
            return SCHEMAS.getSchema(schema);
        }
    }

    /** Kubernetes' schemas by kind, made strict as they are loaded (see schemas/SOURCES.md). */
    static final class KubernetesSchemas {
        private static final Map<String, String> FILES = Map.of("Deployment", "deployment-apps-v1",
                "Service", "service-v1", "ConfigMap", "configmap-v1", "NetworkPolicy", "networkpolicy-networking-v1");

        private static final Map<String, JsonSchema> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

        static Set<ValidationMessage> validate(JsonNode manifest) throws IOException {
            String file = FILES.get(manifest.path("kind").asText());
            assertThat(file).as("a schema for kind " + manifest.path("kind")).isNotNull();
            JsonSchema schema = LOADED.get(file);
            if (schema == null) {
                schema = load(file);
                LOADED.put(file, schema);
            }
            return schema.validate(manifest);
        }

        private static JsonSchema load(String file) throws IOException {
            try (InputStream in = KubernetesSchemas.class.getResourceAsStream("/schemas/kubernetes/" + file + ".json")) {
                ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
                // "http://json-schema.org/schema#" (the latest draft) would be fetched; they are draft-07 documents
                schema.remove("$schema");
                strict(schema);
                return SCHEMAS.getSchema(schema);
            }
        }

        /** additionalProperties: false wherever an object lists its properties and says nothing of others. */
        private static void strict(JsonNode node) {
            if (node instanceof ObjectNode object) {
                if (object.has("properties") && !object.has("additionalProperties")
                        && !object.has("x-kubernetes-preserve-unknown-fields")) {
                    object.put("additionalProperties", false);
                }
                object.elements().forEachRemaining(KubernetesSchemas::strict);
            } else if (node.isArray()) {
                node.elements().forEachRemaining(KubernetesSchemas::strict);
            }
        }
    }
}
