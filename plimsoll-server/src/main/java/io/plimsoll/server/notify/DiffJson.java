package io.plimsoll.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code data} of an {@code update_diff} row, {@code {"advisory": {...}, "affected": {...}}}, as far as the
 * notifier needs it. A stand-in for the writer's codec ({@code io.plimsoll.server.vulndb.VulnJson}, not in this
 * branch): it accepts camelCase and snake_case names, enum names and labels, optionals as a value or null, and
 * ignores fields it does not know, so the writer may add fields without breaking it.
 */
final class DiffJson {

    private DiffJson() {
    }

    /** The advisory of a diff row; the row's own id and {@code source} fill what the JSON leaves out. */
    static Advisory advisory(JsonNode data, String id, String source) {
        JsonNode a = data.path("advisory");
        String aid = text(a, "id").orElse(id);
        String src = text(a, "source").orElse(source);
        String sourceSeverity = text(a, "sourceSeverity", "source_severity").orElse("");
        Severity severity = text(a, "severity").map(DiffJson::severity).orElse(Severity.parse(sourceSeverity));
        return new Advisory(aid, src, strings(a, "aliases"), text(a, "title").orElse(""),
                text(a, "description").orElse(""), Optional.empty(), Optional.empty(),
                strings(a, "references", "links"), sourceSeverity, severity, List.of());
    }

    /**
     * The affected package of a diff row; {@code namespace}, {@code name} and {@code advisoryId} come from the row's
     * columns when the JSON lacks them.
     */
    static AffectedPackage affected(JsonNode data, String advisoryId, String source, String namespace, String name) {
        JsonNode a = data.path("affected");
        AffectedStatus status = text(a, "status").map(DiffJson::status).orElse(AffectedStatus.FIXED);
        List<VersionRange> ranges = new ArrayList<>();
        for (JsonNode r : a.path("ranges")) {
            ranges.add(new VersionRange(text(r, "introduced"), text(r, "fixed"),
                    text(r, "lastAffected", "last_affected")));
        }
        // a flat "fixed" (fixed-only feeds) when the writer gives no ranges
        if (ranges.isEmpty()) {
            text(a, "fixed", "fixedVersion", "fixed_version").ifPresent(f -> ranges.add(VersionRange.fixedIn(f)));
        }
        return new AffectedPackage(text(a, "advisoryId", "advisory_id").orElse(advisoryId),
                text(a, "source").orElse(source), text(a, "namespace").orElse(namespace),
                text(a, "name").orElse(name), text(a, "scheme").orElse(""), status, ranges,
                strings(a, "versions"), text(a, "module"), text(a, "severity").orElse(""));
    }

    private static AffectedStatus status(String s) {
        try {
            return AffectedStatus.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown affected status '" + s + "'");
        }
    }

    private static Severity severity(String s) {
        try {
            return Severity.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Severity.parse(s);
        }
    }

    /** The first of {@code names} present as a non-empty scalar; an object {@code {"value": ...}} is unwrapped. */
    private static Optional<String> text(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.path(n);
            if (v.isObject() && v.has("value")) {
                v = v.get("value");
            }
            if (v.isValueNode() && !v.isNull() && !v.asText().isEmpty()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.path(n);
            if (v.isArray()) {
                List<String> out = new ArrayList<>();
                v.forEach(e -> {
                    if (e.isValueNode() && !e.isNull()) {
                        out.add(e.asText());
                    }
                });
                return out;
            }
            if (v.isTextual() && !v.asText().isEmpty()) {
                return List.of(v.asText());
            }
        }
        return List.of();
    }
}
