package io.plimsoll.server.vulndb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Cvss;
import io.plimsoll.vuln.EpssScore;
import io.plimsoll.vuln.KevEntry;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON form of the vulnerability model as the server stores it (JSONB columns) and passes it between its
 * parts. Written by hand rather than by Jackson's record binding so that the stored shape is explicit and stable:
 * snake_case keys, an absent {@link Optional} is an absent key (never {@code null}), enums as lower-case labels,
 * instants as ISO-8601 and dates as {@code yyyy-mm-dd}. Reading is lenient about missing optional keys (rows written
 * by an older server still read) but strict about the keys a record cannot exist without.
 *
 * <p>Shapes:
 * <ul>
 * <li>advisory: {@code {"id", "source", "aliases": [..], "title", "description", "published"?, "modified"?,
 *     "references": [..], "source_severity", "severity": "high", "cvss": [<cvss>..]}}</li>
 * <li>affected package: {@code {"advisory_id", "source", "namespace", "name", "scheme", "status": "fixed",
 *     "ranges": [<range>..], "versions": [..], "module"?, "severity"}}</li>
 * <li>range: {@code {"introduced"?, "fixed"?, "last_affected"?}}</li>
 * <li>cvss: {@code {"version", "vector", "score"? (absent when the source gave only a vector), "source"}}</li>
 * <li>kev: {@code {"cve", "date_added", "due_date"?, "known_ransomware_use", "vendor_project", "product", "name",
 *     "required_action"}}</li>
 * <li>epss: {@code {"cve", "score", "percentile", "date"?}}</li>
 * <li>{@code update_diff.data}: {@code {"advisory": <advisory>, "affected": <affected package>}} — one changed
 *     affected-package row with the advisory it belongs to ({@link #diffRow}, {@link #diffAdvisory},
 *     {@link #diffAffected}).</li>
 * </ul>
 */
public final class VulnJson {

    /** A plain mapper for reading and writing the JSON text of these nodes. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VulnJson() {
    }

    // ---- advisory

    public static ObjectNode advisory(Advisory a) {
        ObjectNode n = F.objectNode();
        n.put("id", a.id());
        n.put("source", a.source());
        n.set("aliases", strings(a.aliases()));
        n.put("title", a.title());
        n.put("description", a.description());
        a.published().ifPresent(t -> n.put("published", t.toString()));
        a.modified().ifPresent(t -> n.put("modified", t.toString()));
        n.set("references", strings(a.references()));
        n.put("source_severity", a.sourceSeverity());
        n.put("severity", a.severity().label());
        ArrayNode cvss = n.putArray("cvss");
        for (Cvss c : a.cvss()) {
            cvss.add(cvss(c));
        }
        return n;
    }

    public static Advisory advisory(JsonNode n) {
        List<Cvss> cvss = new ArrayList<>();
        for (JsonNode c : n.path("cvss")) {
            cvss.add(cvss(c));
        }
        return new Advisory(required(n, "id", "advisory"), required(n, "source", "advisory"),
                strings(n.path("aliases")), text(n, "title"), text(n, "description"),
                optional(n, "published").map(Instant::parse), optional(n, "modified").map(Instant::parse),
                strings(n.path("references")), text(n, "source_severity"), severity(text(n, "severity")), cvss);
    }

    // ---- affected package

    public static ObjectNode affected(AffectedPackage a) {
        ObjectNode n = F.objectNode();
        n.put("advisory_id", a.advisoryId());
        n.put("source", a.source());
        n.put("namespace", a.namespace());
        n.put("name", a.name());
        n.put("scheme", a.scheme());
        n.put("status", a.status().label());
        ArrayNode ranges = n.putArray("ranges");
        for (VersionRange r : a.ranges()) {
            ranges.add(range(r));
        }
        n.set("versions", strings(a.versions()));
        a.module().ifPresent(m -> n.put("module", m));
        n.put("severity", a.severity());
        return n;
    }

    public static AffectedPackage affected(JsonNode n) {
        List<VersionRange> ranges = new ArrayList<>(2);
        for (JsonNode r : n.path("ranges")) {
            ranges.add(range(r));
        }
        String status = required(n, "status", "affected package");
        AffectedStatus st;
        try {
            st = AffectedStatus.parse(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("affected package: unknown status '" + status + "'");
        }
        return new AffectedPackage(required(n, "advisory_id", "affected package"),
                required(n, "source", "affected package"), required(n, "namespace", "affected package"),
                required(n, "name", "affected package"), required(n, "scheme", "affected package"), st, ranges,
                strings(n.path("versions")), optional(n, "module"), text(n, "severity"));
    }

    /**
     * Reads an affected package straight from its JSON text with the streaming parser: the matching hot path
     * decodes thousands of these per vulnerability report, and skipping the tree halves the work.
     */
    public static AffectedPackage affected(String json) {
        String advisoryId = null;
        String source = null;
        String namespace = null;
        String name = null;
        String scheme = null;
        String status = null;
        String severity = "";
        Optional<String> module = Optional.empty();
        List<VersionRange> ranges = List.of();
        List<String> versions = List.of();
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("stored affected row is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                switch (key) {
                    case "advisory_id" -> advisoryId = p.getValueAsString();
                    case "source" -> source = p.getValueAsString();
                    case "namespace" -> namespace = p.getValueAsString();
                    case "name" -> name = p.getValueAsString();
                    case "scheme" -> scheme = p.getValueAsString();
                    case "status" -> status = p.getValueAsString();
                    case "severity" -> severity = t == JsonToken.VALUE_NULL ? "" : p.getValueAsString();
                    case "module" -> module = Optional.ofNullable(t == JsonToken.VALUE_NULL ? null : p.getValueAsString());
                    case "versions" -> versions = stringArray(p);
                    case "ranges" -> ranges = rangeArray(p);
                    default -> p.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("stored affected row is not valid JSON: " + e.getMessage(), e);
        }
        AffectedStatus st;
        try {
            st = AffectedStatus.parse(need(status, "status"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("affected package: unknown status '" + status + "'");
        }
        return new AffectedPackage(need(advisoryId, "advisory_id"), need(source, "source"),
                need(namespace, "namespace"), need(name, "name"), need(scheme, "scheme"), st, ranges, versions,
                module, severity);
    }

    private static String need(String value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("affected package: missing \"" + key + "\"");
        }
        return value;
    }

    private static List<String> stringArray(JsonParser p) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getValueAsString());
        }
        return out;
    }

    private static List<VersionRange> rangeArray(JsonParser p) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<VersionRange> out = new ArrayList<>(2);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String introduced = null;
            String fixed = null;
            String last = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                String v = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                switch (key) {
                    case "introduced" -> introduced = v;
                    case "fixed" -> fixed = v;
                    case "last_affected" -> last = v;
                    default -> p.skipChildren();
                }
            }
            out.add(VersionRange.of(introduced, fixed, last));
        }
        return out;
    }

    // ---- range

    public static ObjectNode range(VersionRange r) {
        ObjectNode n = F.objectNode();
        r.introduced().ifPresent(v -> n.put("introduced", v));
        r.fixed().ifPresent(v -> n.put("fixed", v));
        r.lastAffected().ifPresent(v -> n.put("last_affected", v));
        return n;
    }

    public static VersionRange range(JsonNode n) {
        return new VersionRange(optional(n, "introduced"), optional(n, "fixed"), optional(n, "last_affected"));
    }

    // ---- cvss

    public static ObjectNode cvss(Cvss c) {
        ObjectNode n = F.objectNode();
        n.put("version", c.version());
        n.put("vector", c.vector());
        if (c.hasScore()) {
            n.put("score", c.score());
        }
        n.put("source", c.source());
        return n;
    }

    public static Cvss cvss(JsonNode n) {
        JsonNode score = n.get("score");
        return new Cvss(required(n, "version", "cvss"), text(n, "vector"),
                score == null || !score.isNumber() ? Double.NaN : score.asDouble(), text(n, "source"));
    }

    // ---- kev

    public static ObjectNode kev(KevEntry k) {
        ObjectNode n = F.objectNode();
        n.put("cve", k.cve());
        n.put("date_added", k.dateAdded().toString());
        k.dueDate().ifPresent(d -> n.put("due_date", d.toString()));
        n.put("known_ransomware_use", k.knownRansomwareUse());
        n.put("vendor_project", nn(k.vendorProject()));
        n.put("product", nn(k.product()));
        n.put("name", nn(k.name()));
        n.put("required_action", nn(k.requiredAction()));
        return n;
    }

    public static KevEntry kev(JsonNode n) {
        return new KevEntry(required(n, "cve", "kev"), LocalDate.parse(required(n, "date_added", "kev")),
                optional(n, "due_date").map(LocalDate::parse), n.path("known_ransomware_use").asBoolean(false),
                text(n, "vendor_project"), text(n, "product"), text(n, "name"), text(n, "required_action"));
    }

    // ---- epss

    public static ObjectNode epss(EpssScore e) {
        ObjectNode n = F.objectNode();
        n.put("cve", e.cve());
        n.put("score", e.score());
        n.put("percentile", e.percentile());
        e.date().ifPresent(d -> n.put("date", d.toString()));
        return n;
    }

    public static EpssScore epss(JsonNode n) {
        return new EpssScore(required(n, "cve", "epss"), n.path("score").asDouble(), n.path("percentile").asDouble(),
                optional(n, "date").map(LocalDate::parse));
    }

    // ---- update_diff.data

    /** {@code {"advisory": ..., "affected": ...}}: one row of {@code update_diff.data}. */
    public static ObjectNode diffRow(Advisory advisory, AffectedPackage affected) {
        ObjectNode n = F.objectNode();
        n.set("advisory", advisory(advisory));
        n.set("affected", affected(affected));
        return n;
    }

    public static Advisory diffAdvisory(JsonNode data) {
        return advisory(data.path("advisory"));
    }

    public static AffectedPackage diffAffected(JsonNode data) {
        return affected(data.path("affected"));
    }

    // ---- text helpers

    /** The JSON text of a node (for a {@code ?::jsonb} parameter). */
    public static String text(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Parses stored JSON text; a broken row is an {@link IllegalArgumentException} naming what it was. */
    public static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Severity severity(String label) {
        if (label.isEmpty()) {
            return Severity.UNKNOWN;
        }
        try {
            return Severity.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Severity.parse(label);
        }
    }

    private static ArrayNode strings(List<String> items) {
        ArrayNode a = F.arrayNode(items.size());
        for (String s : items) {
            a.add(s);
        }
        return a;
    }

    private static List<String> strings(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode s : array) {
            out.add(s.asText());
        }
        return out;
    }

    private static String required(JsonNode n, String key, String what) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(what + ": missing \"" + key + "\"");
        }
        return v.asText();
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Optional<String> optional(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
