package io.plimsoll.server.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.match.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clair's {@code vulnerability_summary} of a finding. Only the properties the schema allows
 * ({@code unevaluatedProperties: false} over {@code vulnerability_core}): Clair's own examples also carry
 * {@code description} and {@code links}, but a strict client validating against the schema would reject them.
 */
final class Summaries {

    private Summaries() {
    }

    static ObjectNode of(Finding f) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("name", f.advisory().id());
        v.put("fixed_in_version", f.nearestFix().orElse(""));
        v.put("severity", f.advisory().sourceSeverity().isEmpty() ? f.severity().label()
                : f.advisory().sourceSeverity());
        v.put("normalized_severity", normalized(f.severity()));
        ObjectNode pkg = v.putObject("package");
        pkg.put("name", f.matchedName());
        pkg.put("version", f.matchedVersion());
        // the schema requires arch_op with a package; advisories here are not per architecture
        v.put("arch_op", "equals");
        distribution(f.namespace()).ifPresent(d -> v.set("distribution", d));
        return v;
    }

    /** Clair's capitalised severity words. */
    static String normalized(Severity s) {
        String l = s.label();
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    /** A distro namespace ({@code debian:12}) as Clair's distribution; language ecosystems have none. */
    private static java.util.Optional<ObjectNode> distribution(String namespace) {
        int colon = namespace.indexOf(':');
        if (colon <= 0) {
            return java.util.Optional.empty();
        }
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("id", namespace);
        d.put("did", namespace.substring(0, colon));
        d.put("version_id", namespace.substring(colon + 1));
        return java.util.Optional.of(d);
    }

    /** One summary per vulnerability id: the first finding (findings come sorted by package) names it. */
    static Map<String, Finding> byId(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            out.putIfAbsent(f.advisory().id(), f);
        }
        return out;
    }
}
