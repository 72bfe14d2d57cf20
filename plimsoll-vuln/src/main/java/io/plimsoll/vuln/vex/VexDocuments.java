package io.plimsoll.vuln.vex;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads VEX documents: OpenVEX 0.2 ({@code @context} openvex, {@code statements[]}) and CycloneDX VEX
 * ({@code bomFormat: CycloneDX} with {@code vulnerabilities[].analysis}), JSON. Products are package URLs; a
 * CycloneDX {@code affects[].ref} naming a bom-ref is resolved through the document's components.
 */
public final class VexDocuments {

    private static final String SOURCE = "vex";

    private VexDocuments() {
    }

    public static List<VexStatement> read(Path file) throws FeedException {
        JsonNode root = FeedFiles.readJson(SOURCE, file);
        String name = file.toString();
        if (root.path("@context").asText("").contains("openvex")) {
            return openVex(root, name);
        }
        if (root.path("bomFormat").asText("").equals("CycloneDX")) {
            return cycloneDx(root, name);
        }
        throw new FeedException(SOURCE, name, "not a VEX document (expected OpenVEX with an openvex @context, or "
                + "CycloneDX with vulnerabilities[].analysis)");
    }

    private static List<VexStatement> openVex(JsonNode root, String name) throws FeedException {
        List<VexStatement> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : root.path("statements")) {
            JsonNode vuln = s.path("vulnerability");
            Set<String> ids = new LinkedHashSet<>();
            addText(ids, vuln.isTextual() ? vuln : vuln.path("name"));
            addText(ids, vuln.path("@id"));
            vuln.path("aliases").forEach(a -> addText(ids, a));
            List<String> products = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                JsonNode subs = p.path("subcomponents");
                if (subs.isArray() && !subs.isEmpty()) {
                    subs.forEach(c -> addProduct(products, c));
                } else {
                    addProduct(products, p);
                }
            }
            String status = s.path("status").asText("");
            if (ids.isEmpty() || status.isEmpty()) {
                throw new FeedException(SOURCE, name, "statements[" + i + "] has no vulnerability or no status");
            }
            out.add(new VexStatement(ids, products, status, s.path("justification").asText(""),
                    s.path("impact_statement").asText(s.path("status_notes").asText("")), name));
            i++;
        }
        return out;
    }

    private static List<VexStatement> cycloneDx(JsonNode root, String name) {
        Map<String, String> purlByRef = new HashMap<>();
        collectComponents(root.path("components"), purlByRef);
        collectComponents(root.path("metadata").path("component").path("components"), purlByRef);
        List<VexStatement> out = new ArrayList<>();
        for (JsonNode v : root.path("vulnerabilities")) {
            JsonNode analysis = v.path("analysis");
            if (analysis.isMissingNode()) {
                continue;
            }
            Set<String> ids = new LinkedHashSet<>();
            addText(ids, v.path("id"));
            v.path("references").forEach(r -> addText(ids, r.path("id")));
            List<String> products = new ArrayList<>();
            for (JsonNode a : v.path("affects")) {
                String ref = a.path("ref").asText("");
                String local = ref.contains("#") ? ref.substring(ref.indexOf('#') + 1) : ref;
                if (ref.startsWith("pkg:")) {
                    products.add(ref);
                } else if (purlByRef.containsKey(local)) {
                    products.add(purlByRef.get(local));
                }
            }
            out.add(new VexStatement(ids, products, status(analysis.path("state").asText("")),
                    analysis.path("justification").asText(""), analysis.path("detail").asText(""), name));
        }
        return out;
    }

    /** CycloneDX analysis states in OpenVEX's words. */
    private static String status(String state) {
        return switch (state) {
            case "not_affected", "false_positive" -> "not_affected";
            case "resolved", "resolved_with_pedigree" -> "fixed";
            case "exploitable" -> "affected";
            default -> "under_investigation";
        };
    }

    private static void collectComponents(JsonNode components, Map<String, String> purlByRef) {
        for (JsonNode c : components) {
            String ref = c.path("bom-ref").asText("");
            String purl = c.path("purl").asText("");
            if (!ref.isEmpty() && !purl.isEmpty()) {
                purlByRef.put(ref, purl);
            }
            collectComponents(c.path("components"), purlByRef);
        }
    }

    private static void addProduct(List<String> products, JsonNode p) {
        String id = p.path("@id").asText("");
        if (id.startsWith("pkg:")) {
            products.add(id);
        }
        String purl = p.path("identifiers").path("purl").asText("");
        if (!purl.isEmpty()) {
            products.add(purl);
        }
    }

    private static void addText(Set<String> ids, JsonNode n) {
        if (n != null && n.isTextual() && !n.asText().isBlank()) {
            ids.add(n.asText().strip());
        }
    }
}
