package io.plimsoll.ecosystem.npm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The licenses a package.json (or a package-lock v2 entry) declares, in every form npm has accepted over the years:
 * {@code "license": "MIT"} (today's SPDX expression), {@code "license": {"type": "MIT", "url": …}} and
 * {@code "licenses": [{"type": …}]} (deprecated objects), and the loose forms found in old packages
 * ({@code "licenses": ["MIT"]}, {@code "licenses": "MIT"}, {@code "license": ["MIT", "Apache-2.0"]}).
 */
final class NpmLicenses {

    private NpmLicenses() {
    }

    /** {@code license} first, as npm reads it; {@code licenses} only when {@code license} gives nothing. */
    static List<String> of(JsonNode license, JsonNode licenses) {
        List<String> out = new ArrayList<>();
        add(license, out);
        if (out.isEmpty()) {
            add(licenses, out);
        }
        return out;
    }

    private static void add(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        } else if (node.isObject()) {
            add(node.get("type"), out);
            if (node.get("type") == null) {
                add(node.get("name"), out); // a few packages wrote {"name": "MIT"}
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isArray()) {
                    add(n, out);
                }
            }
        }
    }
}
